#include "analysisflagstyle.h"

#include "analysis/deliveryanalysis.h"

AnalysisFlagStyle::Category AnalysisFlagStyle::categoryOf(quint32 flags)
{
    if (flags & FlagBadSignature)
        return Category::BadSignature;
    if (flags & FlagStaleState)
        return Category::StaleState;
    if (flags & FlagOutOfOrder)
        return Category::OutOfOrder;
    if (flags & FlagSequenceGap)
        return Category::SequenceGap;
    if ((flags & FlagDuplicate) && !(flags & FlagDuplicateRetry))
        return Category::Redundant;
    if (flags & (FlagDuplicateRetry | FlagLateRetry))
        return Category::Retry;
    if (flags & (FlagMissingCreate | FlagAfterDelete))
        return Category::Lifecycle;
    return Category::None;
}

QVector<AnalysisFlagStyle::Category> AnalysisFlagStyle::categories()
{
    return {Category::BadSignature, Category::StaleState, Category::OutOfOrder,
            Category::SequenceGap,  Category::Redundant,  Category::Retry,
            Category::Lifecycle,    Category::None};
}

QColor AnalysisFlagStyle::rowBackground(Category category)
{
    switch (category) {
    case Category::BadSignature:
        return QColor(0xf8, 0xc8, 0xc8);
    case Category::StaleState:
        return QColor(0xf3, 0xc4, 0xe3);
    case Category::OutOfOrder:
        return QColor(0xff, 0xd6, 0xa8);
    case Category::SequenceGap:
        return QColor(0xff, 0xf0, 0xa0);
    case Category::Redundant:
        return QColor(0xe2, 0xd6, 0xf6);
    case Category::Retry:
        return QColor(0xcc, 0xe2, 0xfa);
    case Category::Lifecycle:
        return QColor(0xd4, 0xee, 0xd8);
    case Category::None:
        break;
    }
    return QColor();
}

QColor AnalysisFlagStyle::rowText(Category category)
{
    return category == Category::None ? QColor() : QColor(0x1d, 0x1d, 0x1f);
}

QColor AnalysisFlagStyle::markColor(Category category)
{
    switch (category) {
    case Category::BadSignature:
        return QColor(0xc6, 0x28, 0x28);
    case Category::StaleState:
        return QColor(0xad, 0x14, 0x57);
    case Category::OutOfOrder:
        return QColor(0xef, 0x6c, 0x00);
    case Category::SequenceGap:
        return QColor(0xb8, 0x86, 0x0b);
    case Category::Redundant:
        return QColor(0x6a, 0x3f, 0xb5);
    case Category::Retry:
        return QColor(0x15, 0x65, 0xc0);
    case Category::Lifecycle:
        return QColor(0x2e, 0x7d, 0x32);
    case Category::None:
        break;
    }
    return QColor(0x78, 0x90, 0x9c);
}

QString AnalysisFlagStyle::title(Category category)
{
    switch (category) {
    case Category::BadSignature:
        return QStringLiteral("Bad signature");
    case Category::StaleState:
        return QStringLiteral("Stale state");
    case Category::OutOfOrder:
        return QStringLiteral("Out of order");
    case Category::SequenceGap:
        return QStringLiteral("Sequence gap");
    case Category::Redundant:
        return QStringLiteral("Redundant copy");
    case Category::Retry:
        return QStringLiteral("Retry");
    case Category::Lifecycle:
        return QStringLiteral("Lifecycle");
    case Category::None:
        break;
    }
    return QStringLiteral("No flags");
}

QString AnalysisFlagStyle::description(Category category)
{
    switch (category) {
    case Category::BadSignature:
        return QStringLiteral("the signature was rejected or the token is malformed "
                              "(sig.invalid, sig.malformed)");
    case Category::StaleState:
        return QStringLiteral("a receiver applying events in arrival order now holds an older "
                              "state of the entity (state.stale)");
    case Category::OutOfOrder:
        return QStringLiteral("older than an event already delivered for the entity "
                              "(order.older)");
    case Category::SequenceGap:
        return QStringLiteral("entityEventSequence skipped numbers: events missing (order.gap)");
    case Category::Redundant:
        return QStringLiteral("the same event again although it was answered 2xx in time: the "
                              "receiver must be idempotent (dup.redundant)");
    case Category::Retry:
        return QStringLiteral("Wix retrying: a copy after a failed or late answer, or an arrival "
                              "at an offset of the retry schedule (dup.retry, late.retry)");
    case Category::Lifecycle:
        return QStringLiteral("an update or delete without a create, or an event after the "
                              "entity's delete (life.no-create, life.after-delete)");
    case Category::None:
        break;
    }
    return QStringLiteral("nothing to report; the row keeps its usual colours");
}

QStringList AnalysisFlagStyle::flagNames(quint32 flags)
{
    static const struct
    {
        AnalysisFlag flag;
        const char *name;
    } names[] = {
        {FlagDuplicate, "duplicate"},       {FlagDuplicateRetry, "retry"},
        {FlagIdenticalToken, "same token"}, {FlagOutOfOrder, "out of order"},
        {FlagSequenceGap, "sequence gap"},  {FlagLateRetry, "late retry"},
        {FlagMissingCreate, "no create"},   {FlagAfterDelete, "after delete"},
        {FlagStaleState, "stale state"},    {FlagBadSignature, "bad signature"},
    };
    QStringList result;
    for (const auto &entry : names) {
        if (flags & entry.flag)
            result << QLatin1String(entry.name);
    }
    return result;
}
