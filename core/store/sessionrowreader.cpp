#include "store/sessionrowreader.h"

#include "store/sqlitestatement.h"
#include "store/utf8interner.h"

#include <cstring>

namespace {
const char kSelectRows[] =
    "SELECT seq, arrival_ms, method, path, query, event_type, instance_id, entity_fqdn, entity_id, "
    "identity_type, identity_id, key_name, reason, size, answer_status, signature, body_kind, "
    "forward_status, forward_latency_ms, warnings, flags FROM deliveries WHERE seq > ? AND seq "
    "<= ? ORDER BY seq LIMIT ?";

// "a" + separator + "b", in a buffer reused from row to row.
QByteArrayView joined(QByteArray &buffer, QByteArrayView a, char separator, QByteArrayView b)
{
    buffer.resize(0);
    buffer.append(a.data(), a.size());
    buffer.append(separator);
    buffer.append(b.data(), b.size());
    return buffer;
}

template <typename Enum, std::size_t N>
Enum fromName(QByteArrayView name, const QByteArray (&names)[N], const Enum (&values)[N],
              Enum fallback)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (name == QByteArrayView(names[i]))
            return values[i];
    }
    return fallback;
}
} // namespace

struct SessionRowReader::State
{
    // A column's previous text and its id: neighbouring rows mostly repeat a text.
    struct LastText
    {
        QByteArray bytes;
        quint32 id = 0;
        bool known = false;

        quint32 intern(Utf8Interner &interner, QByteArrayView text)
        {
            if (known && QByteArrayView(bytes) == text)
                return id;
            id = interner.intern(text);
            bytes.resize(text.size()); // keeps its capacity: no allocation per row
            if (!text.isEmpty())
                std::memcpy(bytes.data(), text.data(), std::size_t(text.size()));
            known = true;
            return id;
        }
    };

    explicit State(const SessionStore &store)
        : select(store, kSelectRows)
    {}

    SqliteStatement select;
    Utf8Interner interner;
    LastText method, target, eventType, instance, key, reason;
    QByteArray buffer;
    QByteArray entityBuffer;
};

SessionRowReader::SessionRowReader(const SessionStore &store)
    : m_state(std::make_unique<State>(store))
{}

SessionRowReader::~SessionRowReader() = default;

bool SessionRowReader::read(qint64 afterSeq, int limit, DeliveryRowPage *page, QString *error,
                            qint64 lastSeq)
{
    static const SignatureStatus statuses[] = {SignatureStatus::Valid, SignatureStatus::Invalid,
                                               SignatureStatus::Unverified,
                                               SignatureStatus::Malformed};
    static const QByteArray statusNames[] = {
        signatureStatusName(statuses[0]).toLatin1(), signatureStatusName(statuses[1]).toLatin1(),
        signatureStatusName(statuses[2]).toLatin1(), signatureStatusName(statuses[3]).toLatin1()};
    static const BodyKind kinds[] = {BodyKind::Jwt,    BodyKind::MalformedJwt, BodyKind::Empty,
                                     BodyKind::Json,   BodyKind::Form,         BodyKind::Text,
                                     BodyKind::Binary, BodyKind::Oversize};
    static const QByteArray kindNames[] = {
        bodyKindName(kinds[0]).toLatin1(), bodyKindName(kinds[1]).toLatin1(),
        bodyKindName(kinds[2]).toLatin1(), bodyKindName(kinds[3]).toLatin1(),
        bodyKindName(kinds[4]).toLatin1(), bodyKindName(kinds[5]).toLatin1(),
        bodyKindName(kinds[6]).toLatin1(), bodyKindName(kinds[7]).toLatin1()};

    State &s = *m_state;
    page->rows.clear();
    if (!s.select.isValid()) {
        if (error)
            *error = s.select.errorText();
        return false;
    }
    s.select.reset();
    s.select.bind(1, afterSeq);
    s.select.bind(2, lastSeq);
    s.select.bind(3, limit);
    page->reader = m_readerId;
    while (s.select.next()) {
        const SqliteStatement &q = s.select;
        PackedDeliveryRow row;
        row.seq = q.integer(0);
        row.arrivalMs = q.integer(1);
        row.method = s.method.intern(s.interner, q.text(2));
        const QByteArrayView path = q.text(3);
        const QByteArrayView query = q.text(4);
        row.target = s.target.intern(s.interner,
                                     query.isEmpty() ? path : joined(s.buffer, path, '?', query));
        row.eventType = s.eventType.intern(s.interner, q.text(5));
        row.instanceId = s.instance.intern(s.interner, q.text(6));
        const QByteArrayView fqdn = q.text(7);
        const QByteArrayView entityId = q.text(8);
        // Entities and identities change from row to row: straight to the interner, both
        // looked up at once (their table slots fetched together, before either is needed).
        const QByteArrayView entity = fqdn.isEmpty() && entityId.isEmpty()
                                          ? QByteArrayView()
                                          : joined(s.entityBuffer, fqdn, '/', entityId);
        const QByteArrayView identityType = q.text(9);
        const QByteArrayView identity = identityType.isEmpty()
                                            ? QByteArrayView()
                                            : joined(s.buffer, identityType, ' ', q.text(10));
        const size_t entityHash = Utf8Interner::hashOf(entity);
        const size_t identityHash = Utf8Interner::hashOf(identity);
        s.interner.prefetch(entityHash);
        s.interner.prefetch(identityHash);
        row.entity = s.interner.intern(entity, entityHash);
        row.identity = s.interner.intern(identity, identityHash);
        row.keyName = s.key.intern(s.interner, q.text(11));
        row.reasonCode = s.reason.intern(s.interner, q.text(12));
        row.size = q.integer(13);
        row.answerStatus = qint16(qBound(qint64(-32768), q.integer(14), qint64(32767)));
        row.signatureValue =
            quint8(fromName(q.text(15), statusNames, statuses, SignatureStatus::Malformed));
        const BodyKind kind = fromName(q.text(16), kindNames, kinds, BodyKind::Binary);
        bool wixWouldRetry = false;
        if (!q.isNull(17)) {
            ForwardResult forward;
            forward.status = int(q.integer(17));
            forward.latencyMs = q.integer(18);
            wixWouldRetry = forward.wixWouldRetry();
        }
        row.setTraits(kind, wixWouldRetry, q.text(19) != QByteArrayView("[]"));
        row.analysisFlags = quint32(q.integer(20));
        page->rows.append(row);
    }
    page->strings = s.interner.takeAdded(&page->firstStringId);
    if (!s.select.errorText().isEmpty()) {
        if (error)
            *error = s.select.errorText();
        return false;
    }
    return true;
}
