#include "models/packeddeliveryrow.h"

#include "models/stringpool.h"

void PackedDeliveryRow::setTraits(BodyKind kind, bool retry, bool warnings)
{
    traits = quint8(quint8(kind) & 0x0f);
    if (retry)
        traits |= kWixWouldRetry;
    if (warnings)
        traits |= kHasWarnings;
}

PackedDeliveryRow PackedDeliveryRow::pack(const DeliveryRow &row, StringPool &pool)
{
    PackedDeliveryRow packed;
    packed.seq = row.seq;
    packed.arrivalMs = row.arrivalMs;
    packed.size = row.size;
    packed.method = pool.intern(row.method);
    packed.target = pool.intern(row.target);
    packed.eventType = pool.intern(row.eventType);
    packed.instanceId = pool.intern(row.instanceId);
    packed.entity = pool.intern(row.entity);
    packed.identity = pool.intern(row.identity);
    packed.keyName = pool.intern(row.keyName);
    packed.reasonCode = pool.intern(row.reasonCode);
    packed.analysisFlags = row.analysisFlags;
    packed.answerStatus = qint16(qBound(-32768, row.answerStatus, 32767));
    packed.signatureValue = quint8(row.signature);
    packed.setTraits(row.bodyKind, row.wixWouldRetry, row.hasWarnings);
    return packed;
}

DeliveryRow PackedDeliveryRow::unpack(const StringPool &pool) const
{
    DeliveryRow row;
    row.seq = seq;
    row.arrivalMs = arrivalMs;
    row.method = pool.at(method);
    row.target = pool.at(target);
    row.eventType = pool.at(eventType);
    row.instanceId = pool.at(instanceId);
    row.entity = pool.at(entity);
    row.identity = pool.at(identity);
    row.keyName = pool.at(keyName);
    row.reasonCode = pool.at(reasonCode);
    row.size = size;
    row.answerStatus = answerStatus;
    row.signature = signature();
    row.bodyKind = bodyKind();
    row.wixWouldRetry = wixWouldRetry();
    row.hasWarnings = hasWarnings();
    row.analysisFlags = analysisFlags;
    return row;
}

void PackedDeliveryRow::remap(const QVector<quint32> &ids)
{
    for (quint32 *id :
         {&method, &target, &eventType, &instanceId, &entity, &identity, &keyName, &reasonCode})
        *id = ids.at(*id);
}
