#pragma once

#include "analysis/deliveryanalyzer.h"
#include "jwt/jwtverifier.h"
#include "store/sessionstore.h"

// Writes deliveries into a session as if they had just arrived: inspects each
// (verdict, event), analyses it in seq order after what the session holds, and
// stores the batch in one transaction. Used by live capture and by import.
class SessionWriter
{
public:
    bool open(const QString &path, QString *error);
    void close() { m_store.close(); }
    bool isOpen() const { return m_store.isOpen(); }
    const SessionStore &store() const { return m_store; }

    // All or nothing; on success the deliveries carry their seq and analysis.
    bool write(QVector<Delivery> &deliveries, const JwtVerifier &verifier, QString *error);

private:
    void reanalyse();

    SessionStore m_store;
    DeliveryAnalyzer m_analyzer; // continued from the session's last delivery
};
