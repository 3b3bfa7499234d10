#pragma once

#include "send/wixenvelope.h"

#include <QByteArray>
#include <QJsonObject>
#include <QVector>

#include <optional>

// The claims' text of every event a run makes from one template, written by Qt once:
// QJsonDocument's text of wixClaimsForEnvelope() for the template with markers where an
// event's fresh values and iat go, cut at them. An event's text is then the pieces with its
// values between them, byte for byte what Qt writes of its envelope: the values (a UUID, ISO
// times, digits) read the same at every level of the nested, escaped strings. Building each
// token's claims through QJsonObject cost 14 to 16 us, more than all of a send.
class ClaimsTemplate
{
public:
    static constexpr qint64 kIatMarker = 7531642986420135791;

    // Which values are fresh is what `which` holds (the run's first FreshValues). nullopt where
    // a marker is in the template's own text: each event then takes Qt's way.
    static std::optional<ClaimsTemplate> compile(const QJsonObject &templateEnvelope,
                                                 const FreshValues &which,
                                                 std::optional<qint64> exp);

    QByteArray claims(const FreshValues &values, qint64 iat) const;

private:
    using Slot = QString FreshValues::*; // nullptr: iat

    QVector<QByteArray> m_pieces; // one more than m_slots
    QVector<Slot> m_slots;
};
