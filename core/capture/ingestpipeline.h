#pragma once

#include "capture/capturedrequest.h"
#include "jwt/jwtverifier.h"
#include "store/sessionwriter.h"

#include <QMutex>
#include <QObject>
#include <QVector>

#include <memory>

// Between the capture server and the session: inspects each request (verdict,
// event) and stores them in batches, one transaction per batch (group commit).
// Lives in its own thread; submit() and setVerifier() may be called from any.
class IngestPipeline final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IngestPipeline)

public:
    static constexpr int kMaxBatch = 512;

    explicit IngestPipeline(QObject *parent = nullptr);
    ~IngestPipeline() override;

    // Call in the pipeline's thread (e.g. through a blocking queued invoke).
    bool openSession(const QString &path, QString *error);
    // After openSession(): why the session cannot be written now; empty when it can.
    QString sessionWarning() const { return m_writer.openWarning(); }
    // Reads the session's analysis, ahead of the first batch (which does it otherwise):
    // seconds for a large session, so never while the caller waits for openSession().
    void prepareAnalyzer();
    void closeSession();
    QString sessionPath() const;

    void setVerifier(const JwtVerifier &verifier);
    std::shared_ptr<const JwtVerifier> verifier() const;
    void submit(CapturedRequest request);

Q_SIGNALS:
    // After the batch's commit, first the tickets the capture server may now answer, then
    // the deliveries, carrying their seq, for the views. Apart, so that the capture
    // server's thread never holds the last reference to the batch and frees it.
    void stored(const QVector<quint64> &tickets);
    void committed(const QVector<Delivery> &deliveries);
    // Nothing of the batch was stored; the server answers 503 so Wix retries.
    void storeFailed(const QVector<quint64> &tickets, const QString &reason);

private:
    void drain();

    mutable QMutex m_mutex;
    QVector<CapturedRequest> m_queue;
    bool m_drainScheduled = false;
    std::shared_ptr<const JwtVerifier> m_verifier;
    SessionWriter m_writer;
    QString m_sessionPath;
};
