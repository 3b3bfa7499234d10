#pragma once

#include "analysis/deliveryanalyzer.h"
#include "jwt/jwtverifier.h"
#include "store/sessionstore.h"

#include <QElapsedTimer>

// Writes deliveries into a session as if they had just arrived: inspects each
// (verdict, event), analyses it in seq order after what the session holds, and
// stores the batch in one transaction. Used by live capture and by import.
//
// A session that cannot be written (read-only, a full disk) fails each batch with
// the reason, and is tried again: after a failure the next batch first opens the
// session afresh (a connection opened read-only stays so) and checks that it can be
// written, before any analysis is spent on the batch; after a batch was refused
// with the session writable, batches fail at once for kRetryMs, so a full disk
// costs no more than a try per interval. Whatever fails, the analyzer never keeps
// what it saw of a lost batch.
class SessionWriter
{
public:
    static constexpr int kRetryMs = 1000;

    bool open(const QString &path, QString *error);
    void close()
    {
        m_store.close();
        m_path.clear();
    }
    bool isOpen() const { return m_store.isOpen(); }
    const SessionStore &store() const { return m_store; }
    // Why the session opened cannot be written; empty when it can.
    QString openWarning() const { return m_openWarning; }

    // Reads what the session holds into the analyzer, when it does not hold it yet:
    // open() leaves that to the first write, so a caller may do it ahead of time.
    void prepareAnalyzer();
    // All or nothing; on success the deliveries carry their seq and analysis.
    bool write(QVector<Delivery> &deliveries, const JwtVerifier &verifier, QString *error);

private:
    // Opens m_store with its log copied in the background, as for every store written.
    bool openStore(const QString &path, QString *error);
    void reanalyse();
    bool reopenForWriting(QString *error);

    SessionStore m_store;
    DeliveryAnalyzer m_analyzer; // continued from the session's last delivery
    QString m_path;
    QString m_openWarning;
    QString m_lastError;
    QElapsedTimer m_sinceRefused; // valid while batches fail at once
    bool m_reopen = false;        // the last write failed: open afresh before the next
    bool m_analyzerStale = false; // not the session's analysis (just opened, or a lost batch)
};
