#pragma once

#include <QElapsedTimer>
#include <QStatusBar>
#include <QUrl>

#include <deque>

class CopyUrlButton;
class QLabel;
class QTimer;
class QToolButton;

// The main window's status bar: the listening URL (click copies), how many
// deliveries, the arrival rate over the last seconds, how many failed
// verification, the analysis findings (a click opens Expert info), and how
// Hookscope is answering.
class CaptureStatusBar final : public QStatusBar
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaptureStatusBar)

public:
    static constexpr qint64 kRateWindowMs = 5000;

    explicit CaptureStatusBar(QWidget *parent = nullptr);

    void setListening(const QUrl &url);
    void setCounts(int deliveries, int buffered, int invalid);
    void setResponseSummary(const QString &summary);
    // "2 errors, 5 warnings, 1 note", coloured by the worst of them.
    void setFindings(const QString &text, int errors, int warnings);
    QString findingsText() const;
    double rate() const;

public slots:
    void noteArrivals(int count);

signals:
    void expertInfoRequested();

private:
    void updateRate();

    CopyUrlButton *m_url;
    QLabel *m_count;
    QLabel *m_rate;
    QLabel *m_invalid;
    QLabel *m_response;
    QToolButton *m_findings;
    QTimer *m_rateTimer;
    QElapsedTimer m_clock;
    std::deque<std::pair<qint64, int>> m_arrivals; // (ms on m_clock, count)
};
