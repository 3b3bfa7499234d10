#pragma once

#include "capture/delivery.h"
#include "jwt/jwtverifier.h"

#include <QObject>
#include <QPointer>
#include <QVector>

class QThread;

// Writes imported deliveries into a session as if they had just arrived
// (SessionWriter: verified, analysed after what the session holds, stored in one
// transaction, so all or nothing), in a thread of its own with its own connection.
// Nothing else may write to the session meanwhile: stop capture first.
class SessionImporter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionImporter)

public:
    explicit SessionImporter(QObject *parent = nullptr);
    ~SessionImporter() override;

    // False when an import is already running.
    bool start(const QString &sessionPath, QVector<Delivery> deliveries,
               const JwtVerifier &verifier);
    bool isRunning() const { return m_running; }
    // Blocks until the running import has written (its finished() is still to come).
    void wait();

signals:
    // The deliveries as stored, with their seq, verdict and analysis; on failure
    // none is stored, `written` is empty and `error` says why.
    void finished(const QVector<Delivery> &written, const QString &error);

private:
    QPointer<QThread> m_thread;
    bool m_running = false;
};
