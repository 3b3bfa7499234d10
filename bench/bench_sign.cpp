// The machine's RS256 signing rate, the yardstick of the sender's target: tokens per second
// signed by OpenSSL (SHA-256, then EVP_PKEY_sign with the key's context prepared once:
// RsaPrivateKey::signRs256; 2048-bit key) on one thread and on every core at once. Prints
// "<one thread>/s <all cores>/s <cores>".
#include "jwt/rsaprivatekey.h"

#include <QElapsedTimer>
#include <QThread>

#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

namespace {
double signingRate(const RsaPrivateKey &key, const QByteArray &input, int threads, int millis)
{
    std::atomic<long> signedCount{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> workers;
    QElapsedTimer timer;
    timer.start();
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&] {
            while (!stop.load(std::memory_order_relaxed)) {
                if (!key.signRs256(input).isEmpty())
                    signedCount.fetch_add(1, std::memory_order_relaxed);
            }
        });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(millis));
    stop = true;
    for (std::thread &worker : workers)
        worker.join();
    return double(signedCount.load()) * 1000.0 / double(timer.elapsed());
}
} // namespace

int main(int argc, char **argv)
{
    const int millis = argc > 1 ? atoi(argv[1]) : 3000;
    const RsaPrivateKey key = RsaPrivateKey::generate(2048);
    const QByteArray input(1800, 'x'); // a Wix token's signing input is about this long
    const int cores = QThread::idealThreadCount();
    const double one = signingRate(key, input, 1, millis);
    const double all = signingRate(key, input, cores, millis);
    std::printf("%.0f %.0f %d\n", one, all, cores);
    return one > 0 && all > 0 ? 0 : 1;
}
