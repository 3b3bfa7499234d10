// The window under load (issue 7, target 3): the real main window (offscreen) listens
// on a fresh session with the app's public key in its keyring, while PacedSender posts
// distinct signed Wix tokens at RATE per second for SECONDS, each to a path of its own.
// A hook on the list's rowsInserted notes when each delivery's row appears; a 5 ms
// timer notes how late the event loop runs it. Prints rows for scripts/bench: the p99
// time from a delivery's answer to its row in the list, and the longest stall.
//   bench_gui_load TOKEN_CACHE [RATE=5000] [SECONDS=10]
#include "benchreport.h"
#include "pacedsender.h"
#include "signedtokens.h"
#include "windowbench.h"

#include "capturesession.h"
#include "deliveryfilterproxymodel.h"
#include "keyringstore.h"
#include "livecaptureview.h"
#include "mainwindow.h"
#include "models/deliverylistmodel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>

namespace {
constexpr double kLatencyTargetMs = 100;
constexpr double kStallTargetMs = 50;
constexpr int kConnections = 64;
constexpr qint64 kSettleMs = 5000; // after the last answer, rows still missing are lost
const QByteArray kPathPrefix = "/bench/";

bool spinUntil(const std::function<bool()> &done, qint64 timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    QTimer look; // wakes the loop now and then to look again; it sleeps in between
    look.start(2);
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto at = std::size_t(
        std::min<double>(double(values.size() - 1), std::ceil(p * double(values.size())) - 1));
    return values[at];
}

} // namespace

int main(int argc, char **argv)
{
    prepareOffscreenWindow();
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_gui_load TOKEN_CACHE [RATE] [SECONDS]\n");
        return 2;
    }
    QApplication app(argc, argv);
    useBenchSettings();
    const double rate = argc > 2 ? QString::fromLocal8Bit(argv[2]).toDouble() : 5000;
    const double seconds = argc > 3 ? QString::fromLocal8Bit(argv[3]).toDouble() : 10;
    const int count = int(rate * seconds);

    SignedTokens tokens;
    QString error;
    QElapsedTimer signing;
    signing.start();
    if (!SignedTokens::ensure(QString::fromLocal8Bit(argv[1]), count, &tokens, &error)) {
        std::fprintf(stderr, "bench_gui_load: %s\n", qPrintable(error));
        return 1;
    }
    if (signing.elapsed() > 1000)
        std::fprintf(stderr, "bench_gui_load: signed %d tokens in %.0f s\n", count,
                     double(signing.elapsed()) / 1000);

    QTemporaryDir dir;
    MainWindowOptions options;
    options.sessionPath = dir.filePath(QStringLiteral("load.hookscope"));
    options.port = 0;
    MainWindow window(options);
    window.resize(1280, 820);
    window.show();
    CaptureSession *session = window.captureSession();
    if (!window.keyringStore()->add(QStringLiteral("bench"), tokens.publicKeyPem, &error) ||
        !spinUntil([&] { return session->isListening() && !session->isLoading(); }, 10000)) {
        std::fprintf(stderr, "bench_gui_load: the window does not listen: %s\n",
                     qPrintable(error + session->listenError()));
        return 1;
    }

    // When each delivery's row appears in the list, by the path it was sent to.
    std::vector<qint64> appearedNs(std::size_t(count), 0);
    int appeared = 0;
    DeliveryFilterProxyModel *proxy = window.liveView()->proxy();
    QObject::connect(proxy, &QAbstractItemModel::rowsInserted, proxy,
                     [&](const QModelIndex &, int first, int last) {
                         const qint64 now = steadyNowNs();
                         DeliveryListModel *list = proxy->deliveryModel();
                         for (int row = first; row <= last; ++row) {
                             const QModelIndex source = proxy->mapToSource(proxy->index(row, 0));
                             const QString target =
                                 list->strings().at(list->packedRowAt(source.row()).target);
                             const int id = target.mid(kPathPrefix.size()).toInt();
                             if (target.startsWith(QLatin1String(kPathPrefix)) && id >= 0 &&
                                 id < count && appearedNs[std::size_t(id)] == 0) {
                                 appearedNs[std::size_t(id)] = now;
                                 ++appeared;
                             }
                         }
                     });
    StallMeter stalls;

    PacedSender sender(quint16(session->url().port()), tokens.tokens.mid(0, count), rate,
                       kConnections, kPathPrefix);
    stalls.start();
    sender.start();
    spinUntil([&] { return sender.isFinished(); }, qint64(seconds * 1000) + 60000);
    spinUntil([&] { return appeared >= count; }, kSettleMs);
    stalls.stop();
    sender.wait();

    const PacedSender::Result &result = sender.result();
    std::vector<double> latenciesMs;
    int answered2xx = 0;
    for (int i = 0; i < count; ++i) {
        const auto at = std::size_t(i);
        if (result.status[at] >= 200 && result.status[at] <= 299)
            ++answered2xx;
        if (result.answeredNs[at] > 0 && appearedNs[at] > 0)
            latenciesMs.push_back(
                double(std::max<qint64>(0, appearedNs[at] - result.answeredNs[at])) / 1e6);
    }
    const double achieved = result.seconds > 0 ? answered2xx / result.seconds : 0;
    const double p99 = percentile(latenciesMs, 0.99);
    const bool complete = answered2xx == count && appeared == count && achieved >= 0.95 * rate;
    printBenchRow(QStringLiteral("GUI under load: a delivery's answer to its row in the list, "
                                 "p99, %1 deliveries/s for %2 s into the window (offscreen, "
                                 "verifying with the app's key)")
                      .arg(thousands(qint64(rate)))
                      .arg(seconds),
                  QStringLiteral("%1 ms (p50 %2 ms, max %3 ms; %4 sent, %5 answered 2xx at "
                                 "%6/s, %7 rows shown; sender at most %8 ms behind)")
                      .arg(p99, 0, 'f', 1)
                      .arg(percentile(latenciesMs, 0.5), 0, 'f', 1)
                      .arg(percentile(latenciesMs, 1.0), 0, 'f', 1)
                      .arg(thousands(count), thousands(answered2xx), thousands(qint64(achieved)),
                           thousands(appeared))
                      .arg(double(result.maxLagNs) / 1e6, 0, 'f', 1),
                  QStringLiteral("<= %1 ms, every delivery shown").arg(kLatencyTargetMs),
                  complete && p99 <= kLatencyTargetMs);
    const double stallMs = double(stalls.maxStallNs()) / 1e6;
    printBenchRow(QStringLiteral("GUI under load: longest event-loop stall (lateness of a %1 ms "
                                 "timer) at %2 deliveries/s")
                      .arg(StallMeter::kTimerMs)
                      .arg(thousands(qint64(rate))),
                  QStringLiteral("%1 ms").arg(stallMs, 0, 'f', 1),
                  QStringLiteral("<= %1 ms").arg(kStallTargetMs),
                  complete && stallMs <= kStallTargetMs);
    return 0;
}
