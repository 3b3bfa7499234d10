// Start-up (issue 7, target 6): launches itself as a fresh process that builds the main
// window as app/main.cpp does (offscreen) on an existing session of COUNT deliveries
// (default 100,000; written once by SessionGenerator and reused), and reports when the
// window first painted, counted from just before the launch (the steady clock is the
// system's, shared by both processes). The rows go on loading in the background: the
// child also reports when the list showed them all and its event loop's longest stall
// meanwhile (lateness of a 5 ms timer). Three launches; the median is the figure.
//   bench_startup SESSION_FILE [COUNT]
#include "benchreport.h"
#include "sessiongenerator.h"
#include "windowbench.h"

#include "capturesession.h"
#include "deliveryfilterproxymodel.h"
#include "livecaptureview.h"
#include "mainwindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTimer>

#include <algorithm>
#include <cstdio>

namespace {
constexpr double kVisibleTargetMs = 500;
constexpr double kStallTargetMs = 50; // "responsive", as for the window under load
constexpr int kLaunches = 3;
constexpr char kChildFlag[] = "--launched";

// Notes the first paint of the window, once that paint is done.
class FirstPaint final : public QObject
{
public:
    qint64 paintedNs = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && paintedNs == 0 && !m_queued) {
            m_queued = true;
            QTimer::singleShot(0, this, [this] { paintedNs = steadyNowNs(); });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_queued = false;
};

// The launched process: prints "PAINTED_NS LOADED_NS MAX_STALL_NS".
int runChild(int argc, char **argv, const QString &path, int count)
{
    prepareOffscreenWindow();
    QApplication app(argc, argv); // as app/main.cpp starts the window
    useBenchSettings();
    MainWindowOptions options;
    options.sessionPath = path;
    options.port = 0;
    FirstPaint firstPaint;
    MainWindow window(options);
    window.installEventFilter(&firstPaint);
    window.show();

    StallMeter stalls;
    qint64 loadedNs = 0;
    QElapsedTimer timeout;
    timeout.start();
    QTimer look; // wakes the loop now and then to look again; it sleeps in between
    look.start(2);
    while (loadedNs == 0 && timeout.elapsed() < 120000) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        if (firstPaint.paintedNs > 0 && !stalls.isRunning())
            stalls.start();
        if (firstPaint.paintedNs > 0 && !window.captureSession()->isLoading() &&
            window.liveView()->proxy()->rowCount() >= count)
            loadedNs = steadyNowNs();
    }
    std::printf("%lld %lld %lld\n", static_cast<long long>(firstPaint.paintedNs),
                static_cast<long long>(loadedNs), static_cast<long long>(stalls.maxStallNs()));
    return loadedNs > 0 ? 0 : 1;
}

struct Launch
{
    double visibleMs = -1;
    double loadedMs = -1;
    double stallMs = -1;
};
} // namespace

int main(int argc, char **argv)
{
    if (argc >= 4 && qstrcmp(argv[1], kChildFlag) == 0)
        return runChild(argc, argv, QString::fromLocal8Bit(argv[2]), atoi(argv[3]));
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_startup SESSION_FILE [COUNT]\n");
        return 2;
    }
    QCoreApplication app(argc, argv);
    const QString path = QString::fromLocal8Bit(argv[1]);
    const int count = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 100000;
    QString error;
    if (!SessionGenerator::ensure(path, count, &error)) {
        std::fprintf(stderr, "bench_startup: %s\n", qPrintable(error));
        return 1;
    }

    QVector<Launch> launches;
    for (int i = 0; i < kLaunches; ++i) {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        const qint64 startNs = steadyNowNs();
        child.start(QCoreApplication::applicationFilePath(),
                    {QLatin1String(kChildFlag), path, QString::number(count)});
        Launch launch;
        if (child.waitForFinished(180000)) {
            const QList<QByteArray> figures = child.readAllStandardOutput().trimmed().split(' ');
            const auto ms = [&](int at) {
                const qint64 ns = figures.value(at).toLongLong();
                return ns > 0 ? double(ns - startNs) / 1e6 : -1.0;
            };
            launch.visibleMs = ms(0);
            launch.loadedMs = ms(1);
            launch.stallMs = double(figures.value(2).toLongLong()) / 1e6;
        }
        launches.append(launch);
    }
    std::sort(launches.begin(), launches.end(),
              [](const Launch &a, const Launch &b) { return a.visibleMs < b.visibleMs; });
    const Launch median = launches.at(kLaunches / 2);
    QStringList each;
    double worstStall = 0;
    bool loaded = true;
    for (const Launch &launch : std::as_const(launches)) {
        each << QString::number(launch.visibleMs, 'f', 0);
        worstStall = qMax(worstStall, launch.stallMs);
        loaded = loaded && launch.visibleMs > 0 && launch.loadedMs > 0;
    }
    const QString countText = thousands(count);
    printBenchRow(QStringLiteral("start-up: process start to the main window's first paint, with a "
                                 "%1-delivery session (median of %2 launches)")
                      .arg(countText)
                      .arg(kLaunches),
                  QStringLiteral("%1 ms (launches: %2 ms; every row listed after %3 s, the longest "
                                 "event-loop stall meanwhile %4 ms)")
                      .arg(median.visibleMs, 0, 'f', 0)
                      .arg(each.join(QStringLiteral(", ")))
                      .arg(median.loadedMs / 1000, 0, 'f', 2)
                      .arg(worstStall, 0, 'f', 1),
                  QStringLiteral("<= %1 ms, responsive after (stalls <= %2 ms)")
                      .arg(kVisibleTargetMs)
                      .arg(kStallTargetMs),
                  loaded && median.visibleMs <= kVisibleTargetMs && worstStall <= kStallTargetMs);
    return 0;
}
