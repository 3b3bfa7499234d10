#pragma once

#include "filter/deliveryfilter.h"
#include "models/packeddeliveryrow.h"

#include <QHash>

#include <vector>

class StringPool;

// A DeliveryFilter applied to the list's packed rows, for filtering a million rows at
// once: a term on a text is judged once per distinct text (its id in the pool) and
// remembered, so most rows cost a few lookups. Same verdicts as DeliveryFilter::matches
// on the row spelled out. The filter and the pool must outlive it.
class PackedRowFilter
{
public:
    PackedRowFilter(const DeliveryFilter &filter, const StringPool &strings);

    bool matches(const PackedDeliveryRow &row);

private:
    using Term = DeliveryFilter::Term;
    using Field = DeliveryFilter::Field;

    bool termMatches(int term, const PackedDeliveryRow &row);
    bool textMatches(int term, quint32 id);

    const DeliveryFilter &m_filter;
    const StringPool &m_strings;
    std::vector<std::vector<qint8>> m_textVerdicts; // per term, per string id: -1 not judged yet
    std::vector<QHash<int, bool>> m_statusVerdicts; // per term, per answer status
};
