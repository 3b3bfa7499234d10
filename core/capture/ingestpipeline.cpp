#include "capture/ingestpipeline.h"

#include <QMetaObject>

IngestPipeline::IngestPipeline(QObject *parent)
    : QObject(parent)
    , m_verifier(std::make_shared<JwtVerifier>())
{
    qRegisterMetaType<QVector<quint64>>();
    qRegisterMetaType<QVector<Delivery>>();
}

IngestPipeline::~IngestPipeline() = default;

bool IngestPipeline::openSession(const QString &path, QString *error)
{
    if (!m_writer.open(path, error))
        return false;
    QMutexLocker lock(&m_mutex);
    m_sessionPath = path;
    return true;
}

void IngestPipeline::prepareAnalyzer()
{
    m_writer.prepareAnalyzer();
}

void IngestPipeline::closeSession()
{
    drain();
    m_writer.close();
    QMutexLocker lock(&m_mutex);
    m_sessionPath.clear();
}

QString IngestPipeline::sessionPath() const
{
    QMutexLocker lock(&m_mutex);
    return m_sessionPath;
}

void IngestPipeline::setVerifier(const JwtVerifier &verifier)
{
    auto shared = std::make_shared<const JwtVerifier>(verifier);
    QMutexLocker lock(&m_mutex);
    m_verifier = std::move(shared);
}

std::shared_ptr<const JwtVerifier> IngestPipeline::verifier() const
{
    QMutexLocker lock(&m_mutex);
    return m_verifier;
}

void IngestPipeline::submit(CapturedRequest request)
{
    QMutexLocker lock(&m_mutex);
    m_queue.append(std::move(request));
    if (m_drainScheduled)
        return;
    m_drainScheduled = true;
    // Requests that arrive while a batch is being written wait for the next
    // drain: that is what makes the commits grouped.
    QMetaObject::invokeMethod(this, &IngestPipeline::drain, Qt::QueuedConnection);
}

void IngestPipeline::drain()
{
    for (;;) {
        QVector<CapturedRequest> batch;
        std::shared_ptr<const JwtVerifier> verifier;
        {
            QMutexLocker lock(&m_mutex);
            if (m_queue.isEmpty()) {
                m_drainScheduled = false;
                return;
            }
            if (m_queue.size() <= kMaxBatch) {
                batch.swap(m_queue);
            } else {
                batch = m_queue.mid(0, kMaxBatch);
                m_queue.remove(0, kMaxBatch);
            }
            verifier = m_verifier;
        }
        QVector<quint64> tickets;
        QVector<Delivery> deliveries;
        tickets.reserve(batch.size());
        deliveries.reserve(batch.size());
        for (CapturedRequest &request : batch) {
            tickets.append(request.ticket);
            deliveries.append(std::move(request.delivery));
        }
        QString error;
        if (m_writer.write(deliveries, *verifier, &error)) {
            Q_EMIT stored(tickets);
            Q_EMIT committed(deliveries);
        } else {
            Q_EMIT storeFailed(tickets, error);
        }
    }
}
