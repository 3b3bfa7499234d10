#include "send/claimstemplate.h"

#include <QJsonDocument>

#include <algorithm>
#include <utility>

std::optional<ClaimsTemplate> ClaimsTemplate::compile(const QJsonObject &templateEnvelope,
                                                      const FreshValues &which,
                                                      std::optional<qint64> exp)
{
    // Letters and digits only: no level of escaping changes them.
    FreshValues markers;
    QVector<std::pair<QByteArray, Slot>> wanted;
    const std::tuple<const QString &, QString &, const char *, Slot> fields[] = {
        {which.id, markers.id, "HkScFreshIdMark3q", Slot::Id},
        {which.eventTime, markers.eventTime, "HkScFreshEventTimeMark3q", Slot::EventTime},
        {which.operationTimeStamp, markers.operationTimeStamp, "HkScFreshOpTimeMark3q",
         Slot::OperationTimeStamp},
        {which.sequence, markers.sequence, "HkScFreshSequenceMark3q", Slot::Sequence}};
    for (const auto &[value, marker, text, slot] : fields) {
        if (value.isEmpty())
            continue;
        marker = QLatin1String(text);
        wanted.append({QByteArray(text), slot});
    }
    wanted.append({QByteArray::number(kIatMarker), Slot::Iat});
    const QByteArray text =
        QJsonDocument(wixClaimsForEnvelope(EnvelopeFactory::withValues(templateEnvelope, markers),
                                           kIatMarker, exp))
            .toJson(QJsonDocument::Compact);

    QVector<std::pair<qsizetype, int>> cuts; // position, index into wanted
    for (int i = 0; i < wanted.size(); ++i) {
        const qsizetype at = text.indexOf(wanted.at(i).first);
        if (at < 0 || text.indexOf(wanted.at(i).first, at + 1) >= 0)
            return std::nullopt;
        cuts.append({at, i});
    }
    std::sort(cuts.begin(), cuts.end());
    ClaimsTemplate compiled;
    qsizetype from = 0;
    for (const auto &[at, index] : std::as_const(cuts)) {
        compiled.m_pieces.append(text.mid(from, at - from));
        compiled.m_slots.append(wanted.at(index).second);
        from = at + wanted.at(index).first.size();
    }
    compiled.m_pieces.append(text.mid(from));
    return compiled;
}

QByteArray ClaimsTemplate::claims(const FreshValues &values, qint64 iat) const
{
    const QByteArray iatText = QByteArray::number(iat);
    QByteArray slotTexts[5];
    qsizetype size = 0;
    for (const QByteArray &piece : m_pieces)
        size += piece.size();
    for (const Slot slot : m_slots) {
        QByteArray &text = slotTexts[int(slot)];
        switch (slot) {
        case Slot::Id:
            text = values.id.toLatin1();
            break;
        case Slot::EventTime:
            text = values.eventTime.toLatin1();
            break;
        case Slot::OperationTimeStamp:
            text = values.operationTimeStamp.toLatin1();
            break;
        case Slot::Sequence:
            text = values.sequence.toLatin1();
            break;
        case Slot::Iat:
            text = iatText;
            break;
        }
        size += text.size();
    }
    QByteArray claims;
    claims.reserve(size);
    for (qsizetype i = 0; i < m_slots.size(); ++i)
        claims.append(m_pieces.at(i)).append(slotTexts[int(m_slots.at(i))]);
    return claims.append(m_pieces.last());
}
