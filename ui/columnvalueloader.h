#pragma once

#include <QJsonValue>
#include <QObject>
#include <QStringList>
#include <QVector>

#include <atomic>
#include <memory>

class SessionStore;

// Reads list column values from a session: for each seq asked, the delivery's
// decoded tree (as the Decoded tab shows it) and the value at each column's
// path. Lives in a thread of its own with its own connection to the session, so
// the window never waits on a body being read or decoded.
class ColumnValueLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ColumnValueLoader)

public:
    // Values are sent back this many deliveries at a time: few at first, more later.
    static constexpr int kFirstChunk = 64;
    static constexpr int kLaterChunk = 512;

    // `generation` is the owner's current request generation: work for an older
    // one is dropped unread.
    explicit ColumnValueLoader(std::shared_ptr<const std::atomic<quint64>> generation,
                               QObject *parent = nullptr);
    ~ColumnValueLoader() override;

    // Call in the loader's thread (a queued invoke). An undefined QJsonValue
    // stands for a path the delivery does not have.
    void load(const QString &sessionPath, quint64 generation, const QStringList &paths,
              const QVector<qint64> &seqs);

signals:
    void loaded(quint64 generation, const QVector<qint64> &seqs,
                const QVector<QVector<QJsonValue>> &values);

private:
    std::shared_ptr<const std::atomic<quint64>> m_generation;
    std::unique_ptr<SessionStore> m_store;
    quint64 m_openedGeneration = 0;
};
