#pragma once

#include <QMetaObject>
#include <QPointer>
#include <QThread>

#include <utility>

// Runs `work` in a thread of its own, then `done(result)` in `context`'s thread.
// The owner keeps the returned thread and waits for it before it goes away, so
// `done` never reaches a deleted context (its posted call goes with it); the
// thread deletes itself once finished. For work that must not hold up the GUI:
// reading a session (each thread opens its own SessionStore), signing, writing.
template <typename Work, typename Done>
QPointer<QThread> runInBackground(QObject *context, Work work, Done done)
{
    QThread *thread =
        QThread::create([context, work = std::move(work), done = std::move(done)]() mutable {
            auto result = work();
            QMetaObject::invokeMethod(
                context,
                [done = std::move(done), result = std::move(result)]() mutable {
                    done(std::move(result));
                },
                Qt::QueuedConnection);
        });
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
    return thread;
}

// Waits for a thread runInBackground() started, if it still runs.
inline void waitForBackground(const QPointer<QThread> &thread)
{
    if (thread)
        thread->wait();
}
