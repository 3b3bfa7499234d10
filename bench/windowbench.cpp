#include "windowbench.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSettings>
#include <QStandardPaths>

#include <algorithm>
#include <chrono>

void prepareOffscreenWindow()
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("QT_LOGGING_RULES", "qt.qpa.*=false");
}

void useBenchSettings()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Hookscope"));
    QCoreApplication::setApplicationName(QStringLiteral("hookscope-bench"));
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

qint64 steadyNowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

QString thousands(qint64 n)
{
    return QLocale(QLocale::English).toString(n);
}

StallMeter::StallMeter()
{
    m_ticker.setTimerType(Qt::PreciseTimer);
    m_ticker.setInterval(kTimerMs);
    QObject::connect(&m_ticker, &QTimer::timeout, this, [this] {
        const qint64 now = steadyNowNs();
        m_maxStallNs = std::max(m_maxStallNs, now - m_lastTickNs - kTimerMs * 1000000LL);
        m_lastTickNs = now;
    });
}

void StallMeter::start()
{
    m_lastTickNs = steadyNowNs();
    m_ticker.start();
}
