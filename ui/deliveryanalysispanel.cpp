#include "deliveryanalysispanel.h"

#include "analysisflagstyle.h"
#include "capture/delivery.h"
#include "plaintooltip.h"
#include "severitydelegate.h"

#include <QGuiApplication>
#include <QLabel>
#include <QListWidget>
#include <QSet>
#include <QVBoxLayout>

DeliveryAnalysisPanel::DeliveryAnalysisPanel(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_list(new QListWidget(this))
{
    setObjectName(QStringLiteral("deliveryAnalysisPanel"));
    m_summary->setObjectName(QStringLiteral("analysisSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_list->setObjectName(QStringLiteral("analysisFindings"));
    m_list->setWordWrap(true);
    m_list->setUniformItemSizes(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_list, 1);
    connect(m_list, &QListWidget::itemClicked, this, &DeliveryAnalysisPanel::follow);
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        // A double-click already followed the link on its click: only the keyboard here.
        if (QGuiApplication::mouseButtons() == Qt::NoButton)
            follow(item);
    });
    clear();
}

void DeliveryAnalysisPanel::clear()
{
    m_seq = 0;
    m_list->clear();
    m_summary->setText(QStringLiteral("No delivery selected."));
}

void DeliveryAnalysisPanel::setDelivery(const Delivery &delivery)
{
    setAnalysis(delivery.seq, delivery.analysis);
}

void DeliveryAnalysisPanel::setAnalysis(qint64 seq, const DeliveryAnalysis &analysis)
{
    m_seq = seq;
    m_list->clear();
    const QStringList flags = AnalysisFlagStyle::flagNames(analysis.flags);
    QString summary = QStringLiteral("Delivery #%1: ").arg(seq);
    if (analysis.findings.isEmpty())
        summary += QStringLiteral("no findings");
    else
        summary += QStringLiteral("%1 finding%2")
                       .arg(analysis.findings.size())
                       .arg(analysis.findings.size() == 1 ? QString() : QStringLiteral("s"));
    if (!flags.isEmpty())
        summary += QStringLiteral("; flags: ") + flags.join(QStringLiteral(", "));
    const auto category = AnalysisFlagStyle::categoryOf(analysis.flags);
    if (category != AnalysisFlagStyle::Category::None)
        summary += QStringLiteral(" (row colour: ") + AnalysisFlagStyle::title(category) +
                   QLatin1Char(')');
    m_summary->setText(summary);

    QSet<qint64> linked;
    for (const Finding &finding : analysis.findings) {
        QString text = QStringLiteral("[%1] %2: %3")
                           .arg(severityName(finding.severity), finding.code, finding.message);
        QString tip = finding.message;
        if (finding.relatedSeq > 0 && finding.relatedSeq != seq) {
            text += QStringLiteral("  → #%1").arg(finding.relatedSeq);
            tip += QStringLiteral("\n\nClick to go to delivery #%1.").arg(finding.relatedSeq);
            linked.insert(finding.relatedSeq);
        }
        auto *item =
            new QListWidgetItem(SeverityDelegate::severityIcon(finding.severity), text, m_list);
        item->setData(RelatedSeqRole, finding.relatedSeq != seq ? finding.relatedSeq : 0);
        item->setToolTip(plainToolTip(tip));
    }
    if (analysis.duplicateOf > 0 && !linked.contains(analysis.duplicateOf)) {
        addLink(QStringLiteral("Go to the event's first delivery → #%1").arg(analysis.duplicateOf),
                analysis.duplicateOf);
        linked.insert(analysis.duplicateOf);
    }
    if (analysis.outOfOrderAfter > 0 && !linked.contains(analysis.outOfOrderAfter))
        addLink(QStringLiteral("Go to the newer delivery → #%1").arg(analysis.outOfOrderAfter),
                analysis.outOfOrderAfter);
}

void DeliveryAnalysisPanel::addLink(const QString &text, qint64 related)
{
    auto *item = new QListWidgetItem(text, m_list);
    item->setData(RelatedSeqRole, related);
    item->setToolTip(plainToolTip(QStringLiteral("Click to go to delivery #%1.").arg(related)));
}

void DeliveryAnalysisPanel::follow(QListWidgetItem *item)
{
    if (!item)
        return;
    const qint64 related = item->data(RelatedSeqRole).toLongLong();
    if (related > 0)
        Q_EMIT deliverySelected(related);
}

QString DeliveryAnalysisPanel::summaryText() const
{
    return m_summary->text();
}
