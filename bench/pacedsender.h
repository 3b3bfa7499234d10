#pragma once

#include <QByteArray>
#include <QVector>

#include <atomic>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

// A load generator for the window's capture: POSTs one body after another to
// 127.0.0.1:port at a fixed rate (open loop: each request has its due time, whatever
// the answers before it) over keep-alive connections, each request to a path of its
// own (`prefix` + its index), and records when each was sent and answered. Runs in a
// thread of its own with plain sockets, so it never waits for the window's event loop.
class PacedSender
{
public:
    struct Result
    {
        std::vector<qint64> sentNs;     // steady clock (steadyNowNs()); 0: never sent
        std::vector<qint64> answeredNs; // 0: no answer
        std::vector<int> status;
        qint64 maxLagNs = 0; // the latest a request went out after its due time
        double seconds = 0;  // from the first send to the last answer
        int errors = 0;      // connections that failed or closed under a request
    };

    // The body of request `index`, made in the sender's thread just before it is sent.
    using BodySource = std::function<QByteArray(int index)>;

    PacedSender(quint16 port, QVector<QByteArray> bodies, double perSecond, int connections,
                QByteArray pathPrefix);
    PacedSender(quint16 port, int count, BodySource bodies, double perSecond, int connections,
                QByteArray pathPrefix);
    ~PacedSender();

    void start();
    bool isFinished() const { return m_finished.load(); }
    void wait();
    const Result &result() const { return m_result; }

private:
    void run();

    quint16 m_port;
    int m_count;
    BodySource m_bodies;
    double m_perSecond;
    int m_connections;
    QByteArray m_prefix;
    Result m_result;
    std::atomic_bool m_finished{false};
    std::thread m_thread;
};
