#include "send/claimstemplate.h"

#include <QJsonDocument>
#include <QVarLengthArray>

#include <algorithm>
#include <iterator>
#include <utility>

std::optional<ClaimsTemplate> ClaimsTemplate::compile(const QJsonObject &templateEnvelope,
                                                      const FreshValues &which,
                                                      std::optional<qint64> exp)
{
    // Letters and digits only: no level of escaping changes them.
    FreshValues markers;
    QVector<std::pair<QByteArray, Slot>> wanted{{QByteArray::number(kIatMarker), nullptr}};
    for (const auto &[slot, field] : FreshValues::kFields) {
        if (!(which.*slot).isEmpty()) {
            const QByteArray marker = "HkScFresh" + QByteArray(field) + "Mark3q";
            markers.*slot = QString::fromLatin1(marker);
            wanted.append({marker, slot});
        }
    }
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
    QVarLengthArray<QByteArray, std::size(FreshValues::kFields) + 1> texts;
    qsizetype size = 0;
    for (const QByteArray &piece : m_pieces)
        size += piece.size();
    for (const Slot slot : m_slots) {
        texts.append(slot ? (values.*slot).toLatin1() : QByteArray::number(iat));
        size += texts.last().size();
    }
    QByteArray claims;
    claims.reserve(size);
    for (qsizetype i = 0; i < texts.size(); ++i)
        claims.append(m_pieces.at(i)).append(texts.at(i));
    return claims.append(m_pieces.last());
}
