#include "send/replayplan.h"

#include "jwt/compactjws.h"
#include "jwt/jwtsigner.h"

#include <QRandomGenerator>

#include <algorithm>

ScenarioPlan planReplay(const QVector<Delivery> &deliveries, const ReplayOptions &options)
{
    QRandomGenerator random(options.seed);
    ScenarioPlan plan;
    QVector<PlannedSend> sends;
    for (int i = 0; i < deliveries.size(); ++i) {
        const Delivery &d = deliveries.at(i);
        plan.events.append({d.event.eventId, d.event.eventType});
        QByteArray token = d.body;
        const JwsParseResult parsed = parseCompactJws(d.body);
        if (!options.resignWith.isNull() && parsed.ok())
            token = JwtSigner(options.resignWith).sign(parsed.jws.payload());
        sends.append({i, 1, token, 0});
    }
    if (options.shuffle)
        std::shuffle(sends.begin(), sends.end(), random);
    if (options.duplicateRate > 0) {
        // A copy lands somewhere after its original, as Wix's redundant copies do.
        QVector<PlannedSend> withCopies = sends;
        for (int i = 0; i < sends.size(); ++i) {
            if (random.generateDouble() >= options.duplicateRate)
                continue;
            PlannedSend copy = sends.at(i);
            copy.copy = 2;
            plan.copies = 2;
            const qsizetype original = withCopies.indexOf(sends.at(i), 0);
            const qsizetype at =
                original + 1 + qsizetype(random.bounded(quint32(withCopies.size() - original)));
            withCopies.insert(at, copy);
        }
        sends = withCopies;
    }
    qint64 notBefore = 0;
    for (PlannedSend &send : sends) {
        if (options.maxDelayMs > 0)
            notBefore += random.bounded(options.maxDelayMs + 1);
        send.notBeforeMs = notBefore;
    }
    plan.sends = sends;
    return plan;
}
