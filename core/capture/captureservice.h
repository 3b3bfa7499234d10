#pragma once

#include "capture/captureoptions.h"
#include "capture/delivery.h"
#include "capture/responsepolicy.h"
#include "jwt/jwtverifier.h"

#include <QObject>
#include <QThread>
#include <QUrl>

#include <memory>

class CaptureServer;
class IngestPipeline;

// Capture as one piece for the window and `hookscope listen`: the server in one
// thread, inspection and storage in another, results signalled to the owner's
// thread. The owner's thread never verifies, decodes or writes.
class CaptureService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaptureService)

public:
    explicit CaptureService(QObject *parent = nullptr);
    ~CaptureService() override;

    bool start(const CaptureOptions &options, const QString &sessionPath,
               const JwtVerifier &verifier, QString *error);
    void stop();
    bool isRunning() const { return m_server != nullptr; }
    QUrl url() const { return m_url; }
    QString sessionPath() const { return m_sessionPath; }

    // The pipeline reads the session's analysis (seconds for a large session) right after
    // start(), unless deferred: then at prepareAnalysis(), or before the first delivery.
    void setAnalysisDeferred(bool deferred) { m_analysisDeferred = deferred; }
    void prepareAnalysis();

    ResponsePolicy &policy() { return *m_policy; }
    void setVerifier(const JwtVerifier &verifier);

Q_SIGNALS:
    void committed(const QVector<Delivery> &deliveries);
    void storeFailed(const QString &reason);

private:
    std::shared_ptr<ResponsePolicy> m_policy;
    QThread m_serverThread;
    QThread m_pipelineThread;
    IngestPipeline *m_pipeline = nullptr;
    CaptureServer *m_server = nullptr;
    QUrl m_url;
    QString m_sessionPath;
    bool m_analysisDeferred = false;
};
