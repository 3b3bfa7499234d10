#include "verdictbanner.h"

#include "jwt/verdict.h"
#include "plainlabel.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace {
struct Palette
{
    const char *background;
    const char *border;
    const char *title;
};

Palette paletteFor(VerdictBanner::State state)
{
    switch (state) {
    case VerdictBanner::State::Valid:
        return {"#e6f6ea", "#37b24d", "#2b8a3e"};
    case VerdictBanner::State::Rejected:
    case VerdictBanner::State::Malformed:
        return {"#fdecec", "#f03e3e", "#c92a2a"};
    case VerdictBanner::State::KeyError:
        return {"#fff4e6", "#f59f00", "#d9480f"};
    case VerdictBanner::State::Idle:
    case VerdictBanner::State::Unverified:
        break;
    }
    return {"#f1f3f5", "#ced4da", "#495057"};
}

} // namespace

VerdictBanner::VerdictBanner(QWidget *parent)
    : QFrame(parent)
    , m_title(selectableLabel(QStringLiteral("verdictTitle"), this))
    , m_code(selectableLabel(QStringLiteral("verdictCode"), this))
    , m_message(selectableLabel(QStringLiteral("verdictMessage"), this))
    , m_warnings(selectableLabel(QStringLiteral("verdictWarnings"), this))
{
    setObjectName(QStringLiteral("verdictBanner"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    m_title->setFont(titleFont);
    m_title->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_code->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_message->setWordWrap(true);
    m_warnings->setWordWrap(true);

    auto *headline = new QHBoxLayout;
    headline->setSpacing(12);
    headline->addWidget(m_title);
    headline->addWidget(m_code, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 10, 14, 10);
    layout->setSpacing(4);
    layout->addLayout(headline);
    layout->addWidget(m_message);
    layout->addWidget(m_warnings);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);

    setVerdict(State::Idle, QString(), QString());
}

QString VerdictBanner::title(State state)
{
    switch (state) {
    case State::Valid:
        return QStringLiteral("VALID");
    case State::Rejected:
        return QStringLiteral("REJECTED");
    case State::Malformed:
        return QStringLiteral("MALFORMED");
    case State::KeyError:
        return QStringLiteral("KEY ERROR");
    case State::Unverified:
        return QStringLiteral("NOT VERIFIED");
    case State::Idle:
        break;
    }
    return QStringLiteral("NO TOKEN");
}

VerdictBanner::State VerdictBanner::stateFor(SignatureStatus status)
{
    switch (status) {
    case SignatureStatus::Valid:
        return State::Valid;
    case SignatureStatus::Invalid:
        return State::Rejected;
    case SignatureStatus::Unverified:
        return State::Unverified;
    case SignatureStatus::Malformed:
        break;
    }
    return State::Malformed;
}

void VerdictBanner::setVerdict(State state, const QString &reasonCode, const QString &message,
                               const QStringList &warnings)
{
    const bool restyle = state != m_state || styleSheet().isEmpty();
    m_state = state;
    m_title->setText(title(state));
    m_code->setText(reasonCode);
    m_message->setText(message);
    QStringList lines;
    for (const QString &warning : warnings)
        lines << QStringLiteral("\u26A0 ") + warning;
    m_warnings->setText(lines.join(QLatin1Char('\n')));
    m_warnings->setVisible(!lines.isEmpty());

    if (!restyle)
        return;
    // Colours set here, text colours included, so the banner reads the same on a dark theme.
    const Palette palette = paletteFor(state);
    setStyleSheet(QStringLiteral("QFrame#verdictBanner { background: %1; border: 1px solid %2; "
                                 "border-radius: 6px; }"
                                 "QLabel { background: transparent; border: none; color: #212529; }"
                                 "QLabel#verdictTitle { color: %3; }"
                                 "QLabel#verdictCode { color: #495057; }"
                                 "QLabel#verdictWarnings { color: #8a4b00; }")
                      .arg(QLatin1String(palette.background), QLatin1String(palette.border),
                           QLatin1String(palette.title)));
}

QString VerdictBanner::text() const
{
    QStringList lines{m_title->text() + QLatin1Char(' ') + m_code->text(), m_message->text()};
    if (!m_warnings->text().isEmpty())
        lines << m_warnings->text();
    return lines.join(QLatin1Char('\n'));
}
