#include "capturestatusbar.h"

#include "copyurlbutton.h"
#include "plainlabel.h"

#include <QLabel>
#include <QLocale>
#include <QTimer>
#include <QToolButton>

CaptureStatusBar::CaptureStatusBar(QWidget *parent)
    : QStatusBar(parent)
    , m_url(new CopyUrlButton(this))
    , m_count(plainLabel(QStringLiteral("deliveryCountLabel"), this))
    , m_rate(plainLabel(QStringLiteral("rateLabel"), this))
    , m_invalid(plainLabel(QStringLiteral("invalidCountLabel"), this))
    , m_response(plainLabel(QStringLiteral("responseLabel"), this))
    , m_findings(new QToolButton(this))
    , m_rateTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("captureStatusBar"));
    m_url->setObjectName(QStringLiteral("statusUrlButton"));
    connect(m_url, &CopyUrlButton::copied, this, [this](const QString &url) {
        showMessage(QStringLiteral("Copied %1").arg(url), CopyUrlButton::kCopiedFeedbackMs);
    });
    m_findings->setObjectName(QStringLiteral("expertInfoButton"));
    m_findings->setAutoRaise(true);
    m_findings->setToolTip(QStringLiteral("Analysis findings: click to open Expert info"));
    connect(m_findings, &QToolButton::clicked, this, &CaptureStatusBar::expertInfoRequested);
    addPermanentWidget(m_response);
    addPermanentWidget(m_findings);
    addPermanentWidget(m_count);
    addPermanentWidget(m_rate);
    addPermanentWidget(m_invalid);
    addPermanentWidget(m_url);
    m_clock.start();
    m_rateTimer->setInterval(1000);
    connect(m_rateTimer, &QTimer::timeout, this, &CaptureStatusBar::updateRate);
    m_rateTimer->start();
    setCounts(0, 0, 0);
    setFindings(QStringLiteral("no findings"), 0, 0);
    updateRate();
}

void CaptureStatusBar::setListening(const QUrl &url)
{
    m_url->setUrl(url);
}

void CaptureStatusBar::setCounts(int deliveries, int buffered, int invalid)
{
    const QLocale locale;
    QString text = deliveries == 1
                       ? QStringLiteral("1 delivery")
                       : QStringLiteral("%1 deliveries").arg(locale.toString(deliveries));
    if (buffered > 0)
        text += QStringLiteral(" (+%1 paused)").arg(locale.toString(buffered));
    m_count->setText(text);
    m_invalid->setText(QStringLiteral("%1 invalid").arg(locale.toString(invalid)));
    QPalette palette = m_invalid->palette();
    palette.setColor(QPalette::WindowText, invalid > 0
                                               ? QColor(0xc9, 0x2a, 0x2a)
                                               : this->palette().color(QPalette::WindowText));
    m_invalid->setPalette(palette);
}

void CaptureStatusBar::setResponseSummary(const QString &summary)
{
    m_response->setText(summary);
    m_response->setVisible(!summary.isEmpty());
}

void CaptureStatusBar::setFindings(const QString &text, int errors, int warnings)
{
    m_findings->setText(text);
    QPalette palette = m_findings->palette();
    const QColor normal = this->palette().color(QPalette::ButtonText);
    palette.setColor(QPalette::ButtonText, errors > 0     ? QColor(0xc9, 0x2a, 0x2a)
                                           : warnings > 0 ? QColor(0xb2, 0x6a, 0x00)
                                                          : normal);
    m_findings->setPalette(palette);
}

QString CaptureStatusBar::findingsText() const
{
    return m_findings->text();
}

void CaptureStatusBar::noteArrivals(int count)
{
    if (count <= 0)
        return;
    m_arrivals.emplace_back(m_clock.elapsed(), count);
}

double CaptureStatusBar::rate() const
{
    const qint64 since = m_clock.elapsed() - kRateWindowMs;
    int total = 0;
    for (const auto &[at, count] : m_arrivals) {
        if (at > since)
            total += count;
    }
    return total * 1000.0 / double(kRateWindowMs);
}

void CaptureStatusBar::updateRate()
{
    const qint64 since = m_clock.elapsed() - kRateWindowMs;
    while (!m_arrivals.empty() && m_arrivals.front().first <= since)
        m_arrivals.pop_front();
    const double perSecond = rate();
    m_rate->setText(QStringLiteral("%1/s").arg(perSecond, 0, 'f', perSecond < 10 ? 1 : 0));
}
