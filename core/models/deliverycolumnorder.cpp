#include "models/deliverycolumnorder.h"

#include "models/deliverylistmodel.h"

#include <QHash>

#include <algorithm>
#include <functional>

namespace {
int compareText(const QString &a, const QString &b)
{
    return a.compare(b, Qt::CaseInsensitive);
}

// Ranks of the ids in `used` by their texts, without regard to case (equal texts share a
// rank): each text is folded once, then the folded texts sort by plain comparison, which
// orders them as QString::compare(Qt::CaseInsensitive) does (both fold a character at a
// time), at a fraction of its cost.
std::vector<quint32> ranksOf(const std::vector<quint32> &used,
                             const std::function<const QString &(quint32)> &textOf,
                             std::size_t size)
{
    std::vector<std::pair<QString, quint32>> folded;
    folded.reserve(used.size());
    for (const quint32 id : used)
        folded.emplace_back(textOf(id).toCaseFolded(), id);
    std::sort(folded.begin(), folded.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    std::vector<quint32> ranks(size, 0);
    quint32 rank = 0;
    for (std::size_t i = 0; i < folded.size(); ++i) {
        if (i > 0 && folded[i - 1].first != folded[i].first)
            ++rank;
        ranks[folded[i].second] = rank;
    }
    return ranks;
}
} // namespace

DeliveryColumnOrder::DeliveryColumnOrder(const DeliveryListModel &model, int column)
    : m_model(model)
    , m_column(column)
{
    switch (column) {
    case DeliveryListModel::SeqColumn:
    case DeliveryListModel::ArrivalColumn:
        m_kind = Kind::Seq; // arrival order is seq order
        break;
    case DeliveryListModel::SizeColumn:
        m_kind = Kind::Size;
        break;
    case DeliveryListModel::AnswerColumn:
        m_kind = Kind::Answer;
        break;
    case DeliveryListModel::RequestColumn:
        m_kind = Kind::Request;
        break;
    case DeliveryListModel::EventTypeColumn:
    case DeliveryListModel::InstanceColumn:
    case DeliveryListModel::EntityColumn:
    case DeliveryListModel::IdentityColumn:
        m_kind = Kind::Text;
        break;
    default: // signature, flags: texts made from a few fields
        m_kind = Kind::Derived;
        break;
    }
}

quint32 DeliveryColumnOrder::textId(const PackedDeliveryRow &row) const
{
    switch (m_column) {
    case DeliveryListModel::EventTypeColumn:
        return row.eventType;
    case DeliveryListModel::InstanceColumn:
        return row.instanceId;
    case DeliveryListModel::EntityColumn:
        return row.entity;
    default:
        return row.identity;
    }
}

QString DeliveryColumnOrder::textOf(const PackedDeliveryRow &row) const
{
    const StringPool &strings = m_model.strings();
    switch (m_kind) {
    case Kind::Text:
        return strings.at(textId(row));
    case Kind::Request:
        return strings.at(row.method) + QLatin1Char(' ') + strings.at(row.target);
    default:
        return m_column == DeliveryListModel::SignatureColumn ? m_model.signatureText(row)
                                                              : DeliveryListModel::flagsText(row);
    }
}

bool DeliveryColumnOrder::less(int left, int right) const
{
    const PackedDeliveryRow &a = m_model.packedRowAt(left);
    const PackedDeliveryRow &b = m_model.packedRowAt(right);
    switch (m_kind) {
    case Kind::Seq:
        return a.seq < b.seq;
    case Kind::Size:
        return a.size < b.size;
    case Kind::Answer:
        return a.answerStatus < b.answerStatus;
    default:
        return compareText(textOf(a), textOf(b)) < 0;
    }
}

std::vector<quint64> DeliveryColumnOrder::textKeys() const
{
    const int count = m_model.rowCount();
    const StringPool &strings = m_model.strings();
    const auto size = std::size_t(strings.size());
    const auto text = [&](quint32 id) -> const QString & { return strings.at(id); };
    const auto usedIds = [&](const std::function<quint32(const PackedDeliveryRow &)> &idOf) {
        std::vector<char> seen(size, 0);
        std::vector<quint32> used;
        for (int row = 0; row < count; ++row) {
            const quint32 id = idOf(m_model.packedRowAt(row));
            if (!seen[id]) {
                seen[id] = 1;
                used.push_back(id);
            }
        }
        return used;
    };
    std::vector<quint64> keys(static_cast<std::size_t>(count));
    if (m_kind == Kind::Text) {
        const std::vector<quint32> ranks = ranksOf(
            usedIds([this](const PackedDeliveryRow &row) { return textId(row); }), text, size);
        for (int row = 0; row < count; ++row)
            keys[std::size_t(row)] = ranks[textId(m_model.packedRowAt(row))];
        return keys;
    }
    // "METHOD target": methods are letters, so ordering by method, then by target, is
    // ordering by the whole text.
    const std::vector<quint32> methods =
        ranksOf(usedIds([](const PackedDeliveryRow &row) { return row.method; }), text, size);
    const std::vector<quint32> targets =
        ranksOf(usedIds([](const PackedDeliveryRow &row) { return row.target; }), text, size);
    for (int row = 0; row < count; ++row) {
        const PackedDeliveryRow &packed = m_model.packedRowAt(row);
        keys[std::size_t(row)] = quint64(methods[packed.method]) << 32 | targets[packed.target];
    }
    return keys;
}

std::vector<quint64> DeliveryColumnOrder::derivedKeys() const
{
    // The text depends on a few fields only: make it once per combination of them.
    const int count = m_model.rowCount();
    const bool signature = m_column == DeliveryListModel::SignatureColumn;
    const auto combinationOf = [signature](const PackedDeliveryRow &row) {
        return signature ? quint64(row.signatureValue) | quint64(row.bodyKind()) << 8 |
                               quint64(row.keyName) << 16 | quint64(row.reasonCode) << 40
                         : quint64(row.analysisFlags) | quint64(row.traits) << 32;
    };
    QHash<quint64, quint32> indexOf;
    std::vector<QString> texts;
    std::vector<quint32> combination(static_cast<std::size_t>(count));
    for (int row = 0; row < count; ++row) {
        const PackedDeliveryRow &packed = m_model.packedRowAt(row);
        const quint64 key = combinationOf(packed);
        auto it = indexOf.constFind(key);
        if (it == indexOf.constEnd()) {
            it = indexOf.insert(key, quint32(texts.size()));
            texts.push_back(textOf(packed));
        }
        combination[std::size_t(row)] = *it;
    }
    std::vector<quint32> all(texts.size());
    for (std::size_t i = 0; i < all.size(); ++i)
        all[i] = quint32(i);
    const std::vector<quint32> ranks = ranksOf(
        all, [&](quint32 i) -> const QString & { return texts[i]; }, texts.size());
    std::vector<quint64> keys(static_cast<std::size_t>(count));
    for (std::size_t row = 0; row < keys.size(); ++row)
        keys[row] = ranks[combination[row]];
    return keys;
}

std::vector<quint64> DeliveryColumnOrder::keys() const
{
    switch (m_kind) {
    case Kind::Text:
    case Kind::Request:
        return textKeys();
    case Kind::Derived:
        return derivedKeys();
    default:
        break;
    }
    std::vector<quint64> keys(static_cast<std::size_t>(m_model.rowCount()));
    for (std::size_t row = 0; row < keys.size(); ++row) {
        const PackedDeliveryRow &packed = m_model.packedRowAt(int(row));
        keys[row] = m_kind == Kind::Seq    ? quint64(packed.seq)
                    : m_kind == Kind::Size ? quint64(qMax<qint64>(0, packed.size))
                                           : quint64(packed.answerStatus + 32768);
    }
    return keys;
}
