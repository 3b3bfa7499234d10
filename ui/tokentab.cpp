#include "tokentab.h"

#include "capture/delivery.h"
#include "claimsview.h"
#include "jwtsegmenthighlighter.h"
#include "verdictbanner.h"
#include "wix/tokeninspection.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QVBoxLayout>

namespace {
constexpr qsizetype kMaxTokenShown = 256 * 1024;
}

TokenTab::TokenTab(QWidget *parent)
    : QWidget(parent)
    , m_banner(new VerdictBanner(this))
    , m_segments(new QPlainTextEdit(this))
    , m_claims(new ClaimsView(this))
{
    m_banner->setObjectName(QStringLiteral("tokenVerdict"));
    m_segments->setObjectName(QStringLiteral("tokenSegments"));
    m_segments->setReadOnly(true);
    m_segments->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_segments->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_segments->setWordWrapMode(QTextOption::WrapAnywhere); // a token has no spaces to wrap at
    m_segments->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    new JwtSegmentHighlighter(m_segments->document());
    m_claims->setObjectName(QStringLiteral("tokenClaims"));

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("tokenSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_segments);
    splitter->addWidget(m_claims);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);
    layout->addWidget(m_banner);
    layout->addWidget(splitter, 1);
    showNothing();
}

void TokenTab::showNothing()
{
    m_banner->setVerdict(VerdictBanner::State::Idle, QString(),
                         QStringLiteral("Select a delivery to see its token."));
    m_segments->clear();
    m_claims->showNothing(QString());
}

void TokenTab::showDelivery(const Delivery &delivery, const TokenInspection &inspection)
{
    const bool isToken =
        delivery.bodyKind == BodyKind::Jwt || delivery.bodyKind == BodyKind::MalformedJwt;
    if (!isToken) {
        m_banner->setVerdict(VerdictBanner::State::Idle, bodyKindName(delivery.bodyKind),
                             QStringLiteral("This body is not a JWT: nothing to verify. The HTTP "
                                            "tab shows it as it arrived."));
        m_segments->clear();
        m_claims->showNothing(QString());
        return;
    }
    // The verdict as given at arrival, against the keyring of that moment.
    QStringList warnings = delivery.warnings;
    if (inspection.isJws())
        warnings += inspection.decoding.notes;
    m_banner->setVerdict(VerdictBanner::stateFor(delivery.signature), reasonCode(delivery.reason),
                         delivery.verdictMessage, warnings);
    m_segments->setPlainText(QString::fromUtf8(delivery.body.left(kMaxTokenShown)));
    if (!inspection.parsed.jws.headerIsObject && !inspection.parsed.jws.payloadIsObject)
        m_claims->showNothing(QStringLiteral("Nothing could be decoded."));
    else
        m_claims->showInspection(inspection, QDateTime::currentSecsSinceEpoch());
}
