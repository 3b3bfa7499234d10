#include "capture/captureservice.h"

#include "capture/captureserver.h"
#include "capture/ingestpipeline.h"

#include <QMetaObject>

CaptureService::CaptureService(QObject *parent)
    : QObject(parent)
    , m_policy(std::make_shared<ResponsePolicy>())
{
    m_serverThread.setObjectName(QStringLiteral("hookscope-capture"));
    m_pipelineThread.setObjectName(QStringLiteral("hookscope-ingest"));
}

CaptureService::~CaptureService()
{
    stop();
}

bool CaptureService::start(const CaptureOptions &options, const QString &sessionPath,
                           const JwtVerifier &verifier, QString *error)
{
    stop();
    m_pipeline = new IngestPipeline;
    m_pipeline->setVerifier(verifier);
    m_pipeline->moveToThread(&m_pipelineThread);
    m_pipelineThread.start();
    bool opened = false;
    QString warning;
    QMetaObject::invokeMethod(
        m_pipeline,
        [&] {
            opened = m_pipeline->openSession(sessionPath, error);
            warning = m_pipeline->sessionWarning();
        },
        Qt::BlockingQueuedConnection);
    if (!opened) {
        stop();
        return false;
    }
    connect(m_pipeline, &IngestPipeline::committed, this, &CaptureService::committed);

    m_server = new CaptureServer(options, m_policy, m_pipeline);
    m_server->moveToThread(&m_serverThread);
    connect(m_server, &CaptureServer::storeFailed, this, &CaptureService::storeFailed);
    m_serverThread.start();
    bool listening = false;
    QMetaObject::invokeMethod(
        m_server,
        [&] {
            listening = m_server->listen(error);
            m_url = m_server->url();
        },
        Qt::BlockingQueuedConnection);
    if (!listening) {
        stop();
        return false;
    }
    m_sessionPath = sessionPath;
    if (!m_analysisDeferred)
        prepareAnalysis();
    if (!warning.isEmpty()) {
        // Capture runs, answering 503 until the session can be written: say so once
        // the owner listens (after start() returns).
        QMetaObject::invokeMethod(
            this, [this, warning] { Q_EMIT storeFailed(warning); }, Qt::QueuedConnection);
    }
    return true;
}

void CaptureService::stop()
{
    if (m_server) {
        // Deleted in its own thread: its sockets and timers live there.
        QMetaObject::invokeMethod(
            m_server, [server = m_server] { delete server; }, Qt::BlockingQueuedConnection);
        m_server = nullptr;
    }
    m_serverThread.quit();
    m_serverThread.wait();
    if (m_pipeline) {
        QMetaObject::invokeMethod(
            m_pipeline,
            [pipeline = m_pipeline] {
                pipeline->closeSession();
                delete pipeline;
            },
            Qt::BlockingQueuedConnection);
        m_pipeline = nullptr;
    }
    m_pipelineThread.quit();
    m_pipelineThread.wait();
    m_url.clear();
    m_sessionPath.clear();
}

void CaptureService::prepareAnalysis()
{
    if (m_pipeline) {
        QMetaObject::invokeMethod(
            m_pipeline, [pipeline = m_pipeline] { pipeline->prepareAnalyzer(); },
            Qt::QueuedConnection);
    }
}

void CaptureService::setVerifier(const JwtVerifier &verifier)
{
    if (m_pipeline)
        m_pipeline->setVerifier(verifier);
}
