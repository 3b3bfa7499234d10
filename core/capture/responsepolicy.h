#pragma once

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>

// What the capture server answers: Wix needs a 2xx within 1250 ms, so a
// developer can make it fail or time out on purpose and watch Wix retry.
struct ResponsePlan
{
    int status = 200;
    QByteArray body;
    int delayMs = 0;
};

// Thread-safe: the window changes it while the server thread reads it.
class ResponsePolicy
{
    Q_DISABLE_COPY_MOVE(ResponsePolicy)

public:
    static constexpr int kWixTimeoutMs = 1250;
    static constexpr int kBeyondWixTimeoutMs = 1300;

    ResponsePolicy() = default;

    void setDefault(const ResponsePlan &plan);
    ResponsePlan defaultPlan() const;
    void setForPath(const QString &path, const ResponsePlan &plan);
    void clearForPath(const QString &path);
    QHash<QString, ResponsePlan> pathPlans() const;
    // Preset: the next `count` requests (any path) get `status`, then back to normal.
    void failNext(int count, int status = 500);
    int pendingFailures() const;
    // Preset: answer everything after 1300 ms, past Wix's 1250 ms timeout.
    void answerLate();

    // The plan for one request; consumes one pending failure.
    ResponsePlan take(const QString &path);

private:
    mutable QMutex m_mutex;
    ResponsePlan m_default;
    QHash<QString, ResponsePlan> m_byPath;
    int m_failuresLeft = 0;
    int m_failureStatus = 500;
};
