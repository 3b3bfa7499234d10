#include "filter/packedrowfilter.h"

#include "models/stringpool.h"

PackedRowFilter::PackedRowFilter(const DeliveryFilter &filter, const StringPool &strings)
    : m_filter(filter)
    , m_strings(strings)
    , m_textVerdicts(std::size_t(filter.m_terms.size()))
    , m_statusVerdicts(std::size_t(filter.m_terms.size()))
{}

bool PackedRowFilter::textMatches(int term, quint32 id)
{
    std::vector<qint8> &verdicts = m_textVerdicts[std::size_t(term)];
    if (id >= verdicts.size())
        verdicts.resize(std::size_t(m_strings.size()), -1);
    qint8 &verdict = verdicts[id];
    if (verdict < 0)
        verdict = m_filter.textMatches(m_filter.m_terms.at(term), m_strings.at(id)) ? 1 : 0;
    return verdict == 1;
}

bool PackedRowFilter::termMatches(int index, const PackedDeliveryRow &row)
{
    const Term &term = m_filter.m_terms.at(index);
    switch (term.field) {
    case Field::Type:
        return textMatches(index, row.eventType);
    case Field::Instance:
        return textMatches(index, row.instanceId);
    case Field::Entity:
        return textMatches(index, row.entity);
    case Field::Identity:
        return textMatches(index, row.identity);
    case Field::Method:
        return textMatches(index, row.method);
    case Field::Path:
        return textMatches(index, row.target);
    case Field::Key:
        return textMatches(index, row.keyName);
    case Field::Status: {
        QHash<int, bool> &verdicts = m_statusVerdicts[std::size_t(index)];
        const auto known = verdicts.constFind(row.answerStatus);
        if (known != verdicts.constEnd())
            return *known;
        const bool verdict = m_filter.textMatches(term, QString::number(row.answerStatus));
        verdicts.insert(row.answerStatus, verdict);
        return verdict;
    }
    case Field::Any:
        for (const quint32 id : {row.eventType, row.instanceId, row.entity, row.identity,
                                 row.target, row.method, row.keyName, row.reasonCode}) {
            if (textMatches(index, id))
                return true;
        }
        return false;
    case Field::Signature:
    case Field::Kind:
    case Field::Duplicate:
    case Field::Order:
    case Field::Gap:
    case Field::Retry:
        break;
    }
    // Terms on numbers and few values: as DeliveryFilter judges them.
    DeliveryRow parts;
    parts.signature = row.signature();
    parts.bodyKind = row.bodyKind();
    parts.analysisFlags = row.analysisFlags;
    return m_filter.termMatches(term, parts);
}

bool PackedRowFilter::matches(const PackedDeliveryRow &row)
{
    for (int term = 0; term < int(m_filter.m_terms.size()); ++term) {
        if (termMatches(term, row) == m_filter.m_terms.at(term).negated)
            return false;
    }
    return true;
}
