#include "capture/ingestpipeline.h"

#include "capture/deliveryinspector.h"

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
    if (!m_store.open(path, error))
        return false;
    reanalyseSession();
    QMutexLocker lock(&m_mutex);
    m_sessionPath = path;
    return true;
}

void IngestPipeline::reanalyseSession()
{
    m_analyzer.reset();
    m_store.forEachAnalysisInput(0,
                                 [this](const AnalysisInput &input) { m_analyzer.analyze(input); });
}

void IngestPipeline::closeSession()
{
    drain();
    m_store.close();
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
        qint64 seq = m_store.nextSeq();
        for (CapturedRequest &request : batch) {
            Delivery &delivery = request.delivery;
            inspectDelivery(delivery, *verifier);
            delivery.seq = seq++;
            delivery.analysis = m_analyzer.analyze(AnalysisInput::fromDelivery(delivery));
            tickets.append(request.ticket);
            deliveries.append(std::move(delivery));
        }
        QString error;
        if (!m_store.isOpen()) {
            Q_EMIT storeFailed(tickets, QStringLiteral("no session is open"));
        } else if (m_store.append(deliveries, &error)) {
            Q_EMIT committed(tickets, deliveries);
        } else {
            reanalyseSession(); // forget what the analyzer saw of the lost batch
            Q_EMIT storeFailed(tickets, error);
        }
    }
}
