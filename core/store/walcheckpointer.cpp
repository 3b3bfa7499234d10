#include "store/walcheckpointer.h"

#include <QThread>

#include <sqlite3.h>

WalCheckpointer::WalCheckpointer(const QString &path)
    : m_path(path)
{
    m_thread = QThread::create([this] { run(); });
    m_thread->setObjectName(QStringLiteral("hookscope-checkpoint"));
    m_thread->start();
}

WalCheckpointer::~WalCheckpointer()
{
    if (m_writer) // SQLite's own checkpoints again, for whatever the connection still commits
        sqlite3_wal_autocheckpoint(m_writer, kPagesPerCheckpoint);
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_wake.wakeAll();
    }
    m_thread->wait();
    delete m_thread;
}

void WalCheckpointer::attach(sqlite3 *writer)
{
    m_writer = writer;
    // Replaces SQLite's automatic checkpoint, which is this same hook.
    sqlite3_wal_hook(writer, &WalCheckpointer::onCommit, this);
}

int WalCheckpointer::onCommit(void *self, sqlite3 *writer, const char *, int pages)
{
    if (pages < kPagesPerCheckpoint)
        return SQLITE_OK;
    auto *checkpointer = static_cast<WalCheckpointer *>(self);
    QMutexLocker lock(&checkpointer->m_mutex);
    if (pages < kRestartPages) {
        checkpointer->m_requested = true;
        checkpointer->m_wake.wakeAll();
        return SQLITE_OK;
    }
    if (checkpointer->m_running) {
        if (pages < kMaxPages)
            return SQLITE_OK; // its copy ends soon; the next commit sees to the rest
        // The writer outran the copy: it waits for it, as SQLite's own checkpoints in its
        // thread would have made it, so the log never grows past about kMaxPages.
        while (checkpointer->m_running)
            checkpointer->m_idle.wait(&checkpointer->m_mutex);
    }
    lock.unlock();
    // The log starts over only after a checkpoint that took it to its last frame, with no
    // commit in between: under a steady load that is never the background copy, so the
    // writer copies the few frames committed since that copy began, and its next commit
    // writes the log from its beginning again. A reader that still needs the log (or a
    // full disk) leaves it as it is, for a later commit.
    sqlite3_wal_checkpoint_v2(writer, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    return SQLITE_OK;
}

void WalCheckpointer::run()
{
    sqlite3 *db = nullptr;
    // No SQLITE_OPEN_CREATE: the session exists; its mode stays what the store made it.
    // A connection sees the log once it has read the file: until then it checkpoints nothing.
    if (sqlite3_open_v2(m_path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr) !=
            SQLITE_OK ||
        sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr) !=
            SQLITE_OK) {
        sqlite3_close(db);
        db = nullptr; // the writer's own copies past kRestartPages keep the log bounded
    }
    QMutexLocker lock(&m_mutex);
    for (;;) {
        while (!m_requested && !m_stopping)
            m_wake.wait(&m_mutex);
        if (m_stopping)
            break;
        m_requested = false;
        m_running = true;
        lock.unlock();
        // PASSIVE: copies what no reader still needs, and never waits for anyone.
        if (db)
            sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        lock.relock();
        m_running = false;
        m_idle.wakeAll();
    }
    lock.unlock();
    sqlite3_close(db);
}
