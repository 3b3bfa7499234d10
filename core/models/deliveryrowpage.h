#pragma once

#include "models/packeddeliveryrow.h"

#include <QStringList>
#include <QVector>

// A page of the list's rows as a reader hands them over: packed rows whose text ids
// belong to the reader's pool, and the strings that pool gained for them, which had
// the ids firstStringId, firstStringId + 1, ... (see StringPool::adopt).
struct DeliveryRowPage
{
    QVector<PackedDeliveryRow> rows;
    quint32 firstStringId = 1;
    QStringList strings;
    int totalHint = 0; // the rows the whole read should bring (0: unknown), to reserve once
    int reader = 0;    // which reader's ids: two readers of one read number texts apart
};
