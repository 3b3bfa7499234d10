#pragma once

#include "models/deliveryrow.h"

class StringPool;

// One delivery as the list keeps it: 64 bytes, its texts as ids into the list's
// StringPool, so a million deliveries take 64 MB. DeliveryRow is the same row with
// its texts spelled out.
struct PackedDeliveryRow
{
    qint64 seq = 0;
    qint64 arrivalMs = 0;
    qint64 size = 0;
    quint32 method = 0;
    quint32 target = 0;
    quint32 eventType = 0;
    quint32 instanceId = 0;
    quint32 entity = 0;
    quint32 identity = 0;
    quint32 keyName = 0;
    quint32 reasonCode = 0;
    quint32 analysisFlags = 0;
    qint16 answerStatus = 0;
    quint8 signatureValue = quint8(SignatureStatus::Malformed);
    quint8 traits = quint8(BodyKind::Empty); // BodyKind in the low 4 bits, then kRetry, kWarnings

    static constexpr quint8 kWixWouldRetry = 0x10;
    static constexpr quint8 kHasWarnings = 0x20;

    SignatureStatus signature() const { return SignatureStatus(signatureValue); }
    BodyKind bodyKind() const { return BodyKind(traits & 0x0f); }
    bool wixWouldRetry() const { return traits & kWixWouldRetry; }
    bool hasWarnings() const { return traits & kHasWarnings; }
    void setTraits(BodyKind kind, bool wixWouldRetry, bool hasWarnings);

    static PackedDeliveryRow pack(const DeliveryRow &row, StringPool &pool);
    DeliveryRow unpack(const StringPool &pool) const;
    // Moves the text ids through `ids` (old id -> new id).
    void remap(const QVector<quint32> &ids);
};
static_assert(sizeof(PackedDeliveryRow) == 64, "a list row stays at 64 bytes");
