#pragma once

#include <QColor>
#include <QString>
#include <QStringList>
#include <QVector>

// How analysis flags (analysis/deliveryanalysis.h) look: one category per
// delivery, the first that applies in the order below, with a light row
// background for the list and a strong mark colour for the timeline and charts.
// The list's row delegate, the legend and the timeline all read these.
class AnalysisFlagStyle final
{
public:
    enum class Category {
        BadSignature, // FlagBadSignature
        StaleState,   // FlagStaleState
        OutOfOrder,   // FlagOutOfOrder
        SequenceGap,  // FlagSequenceGap
        Redundant,    // FlagDuplicate without FlagDuplicateRetry
        Retry,        // FlagDuplicateRetry or FlagLateRetry
        Lifecycle,    // FlagMissingCreate or FlagAfterDelete
        None,
    };

    static Category categoryOf(quint32 flags);
    static QVector<Category> categories();          // in priority order, None last
    static QColor rowBackground(Category category); // invalid for None
    static QColor rowText(Category category);       // readable on rowBackground
    static QColor markColor(Category category);
    static QString title(Category category);       // "Out of order"
    static QString description(Category category); // plain text, with the finding codes
    static QStringList flagNames(quint32 flags);   // "duplicate", "retry", "same token", ...
};
