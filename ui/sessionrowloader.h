#pragma once

#include "capture/delivery.h"

#include <QObject>
#include <QVector>

#include <atomic>
#include <memory>

class QThread;

// Reads a session's deliveries on a thread of its own (reading decodes every
// body), handing them over in pages without their payloads (AnalysisModels::
// withoutPayload): the first page replaces what the window shows, the others
// append to it. Each carries the analysis stored with it.
class SessionRowLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionRowLoader)

public:
    static constexpr int kPageSize = 1000;

    explicit SessionRowLoader(QObject *parent = nullptr);
    ~SessionRowLoader() override;

    // Cancels a load under way and starts reading `path`.
    void start(const QString &path);
    // Stops the load under way and waits for its thread; no signal follows.
    void cancel();
    bool isRunning() const { return m_thread != nullptr; }

signals:
    void pageLoaded(const QVector<Delivery> &deliveries, bool first);
    void finished(const QString &error); // error empty when all was read

private:
    void onFinished(quint64 generation, const QString &error);

    QThread *m_thread = nullptr;
    std::shared_ptr<std::atomic_bool> m_cancelled;
    quint64 m_generation = 0;
};
