#pragma once

#include <QMutex>
#include <QString>
#include <QWaitCondition>

class QThread;
struct sqlite3;

// Copies a session's write-ahead log back into its database file on a thread of its own,
// through a connection of its own. Left to SQLite, that copy runs in the committing thread
// after the commit that takes the log past 1,000 pages, fsync included, and the ingest
// thread stopped while the deliveries in flight waited for their answers. Once attach()ed
// to the writer's connection, its commits wake this thread, and the writer itself copies
// only the last frames, now and then, so that the log can start over (onCommit()). A
// checkpoint that cannot run now (a reader holds the log, a full disk) leaves the log as
// it is: nothing is lost, and a later commit tries again.
class WalCheckpointer
{
    Q_DISABLE_COPY_MOVE(WalCheckpointer)

public:
    static constexpr int kPagesPerCheckpoint = 1000; // SQLite's own threshold
    // Past this, the writer copies what the background copy left (see onCommit()).
    static constexpr int kRestartPages = 4 * kPagesPerCheckpoint; // 16 MB of 4 kB pages
    // Past this, a commit waits for a background copy under way to end (see onCommit()).
    static constexpr int kMaxPages = 2 * kRestartPages;

    explicit WalCheckpointer(const QString &path);
    // Gives the writer back SQLite's own checkpoints, lets a checkpoint under way finish,
    // and closes its connection.
    ~WalCheckpointer();

    // From now on commits on `writer` (a connection to the same file, in WAL mode) wake
    // this thread instead of checkpointing; until this object is destroyed.
    void attach(sqlite3 *writer);

private:
    static int onCommit(void *self, sqlite3 *writer, const char *database, int pages);
    void run();

    const QString m_path;
    sqlite3 *m_writer = nullptr;
    QMutex m_mutex;
    QWaitCondition m_wake; // a copy is asked for, or the thread is to stop
    QWaitCondition m_idle; // a copy has ended
    bool m_requested = false;
    bool m_running = false;
    bool m_stopping = false;
    QThread *m_thread = nullptr;
};
