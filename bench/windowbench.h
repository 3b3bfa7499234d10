#pragma once

// What the window's benchmarks (gui load, large session, start-up) share: the process
// set up as a clean offscreen window, the steady clock, and the event loop's stalls.

#include <QObject>
#include <QString>
#include <QTimer>

class QApplication;

// Before QApplication: the offscreen platform, quiet.
void prepareOffscreenWindow();
// After QApplication: the app's names as app/main.cpp sets them, but test-mode folders
// and settings cleared, so that the user's settings and keys stay untouched and each
// run starts from the same ones.
void useBenchSettings();

// The steady clock, shared by every process of the machine, in nanoseconds.
qint64 steadyNowNs();

// "1,234,567".
QString thousands(qint64 n);

// How late the event loop runs a 5 ms timer: its longest stall since start().
class StallMeter final : public QObject
{
public:
    static constexpr int kTimerMs = 5;

    StallMeter();
    void start();
    void stop() { m_ticker.stop(); }
    bool isRunning() const { return m_ticker.isActive(); }
    qint64 maxStallNs() const { return m_maxStallNs; }

private:
    QTimer m_ticker;
    qint64 m_lastTickNs = 0;
    qint64 m_maxStallNs = 0;
};
