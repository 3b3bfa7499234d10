#include "store/sessionwriter.h"

#include "capture/deliveryinspector.h"

bool SessionWriter::open(const QString &path, QString *error)
{
    if (!m_store.open(path, error))
        return false;
    reanalyse();
    return true;
}

void SessionWriter::reanalyse()
{
    m_analyzer.reset();
    m_store.forEachAnalysisInput(0,
                                 [this](const AnalysisInput &input) { m_analyzer.analyze(input); });
}

bool SessionWriter::write(QVector<Delivery> &deliveries, const JwtVerifier &verifier,
                          QString *error)
{
    if (!m_store.isOpen()) {
        *error = QStringLiteral("no session is open");
        return false;
    }
    qint64 seq = m_store.nextSeq();
    for (Delivery &delivery : deliveries) {
        inspectDelivery(delivery, verifier);
        delivery.seq = seq++;
        delivery.analysis = m_analyzer.analyze(AnalysisInput::fromDelivery(delivery));
    }
    if (m_store.append(deliveries, error))
        return true;
    reanalyse(); // forget what the analyzer saw of the lost batch
    return false;
}
