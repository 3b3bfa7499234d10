#include "store/sessionwriter.h"

#include "capture/deliveryinspector.h"

bool SessionWriter::open(const QString &path, QString *error)
{
    m_path.clear();
    m_openWarning.clear();
    m_sinceRefused.invalidate();
    m_reopen = false;
    m_analyzerStale = false;
    if (!openStore(path, error))
        return false;
    m_path = path;
    // The session is analysed again before the first write (or prepareAnalyzer()), not
    // here: for a large session that takes seconds, and the caller waits for open().
    m_analyzerStale = true;
    // Opened, but perhaps not writable: the owner says so at once, and every
    // batch is answered 503 until it is.
    if (!m_store.checkWritable(&m_openWarning))
        m_reopen = true;
    return true;
}

bool SessionWriter::openStore(const QString &path, QString *error)
{
    if (!m_store.open(path, error))
        return false;
    m_store.checkpointInBackground(); // commits of a few deliveries each, many per second
    return true;
}

void SessionWriter::reanalyse()
{
    m_analyzer.reset();
    m_store.forEachAnalysisInput(0,
                                 [this](const AnalysisInput &input) { m_analyzer.analyze(input); });
    m_analyzerStale = false;
}

void SessionWriter::prepareAnalyzer()
{
    if (m_analyzerStale && m_store.isOpen())
        reanalyse();
}

bool SessionWriter::reopenForWriting(QString *error)
{
    if (m_sinceRefused.isValid() && m_sinceRefused.elapsed() < kRetryMs) {
        *error = m_lastError;
        return false;
    }
    m_sinceRefused.invalidate();
    if (!openStore(m_path, error) || !m_store.checkWritable(error)) {
        m_lastError = *error;
        return false;
    }
    m_reopen = false;
    return true;
}

bool SessionWriter::write(QVector<Delivery> &deliveries, const JwtVerifier &verifier,
                          QString *error)
{
    if (m_path.isEmpty()) {
        *error = QStringLiteral("no session is open");
        return false;
    }
    if (m_reopen && !reopenForWriting(error))
        return false;
    if (m_analyzerStale)
        reanalyse(); // forget what the analyzer saw of a lost batch
    qint64 seq = m_store.nextSeq();
    for (Delivery &delivery : deliveries) {
        inspectDelivery(delivery, verifier);
        delivery.seq = seq++;
        delivery.tokenDigest = AnalysisInput::tokenDigestOf(delivery.body); // analysed and stored
        delivery.analysis = m_analyzer.analyze(AnalysisInput::fromDelivery(delivery));
    }
    if (m_store.append(deliveries, error))
        return true;
    m_analyzerStale = true;
    m_reopen = true;
    m_lastError = *error;
    m_sinceRefused.start();
    return false;
}
