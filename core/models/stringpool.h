#pragma once

#include "models/internindex.h"

#include <QString>
#include <QStringList>
#include <QVector>

// Texts that repeat across a session (event types, instances, entities, methods,
// paths, keys) held once; rows keep 4-byte ids. Id 0 is the empty string.
class StringPool
{
public:
    StringPool();

    quint32 intern(const QString &text);
    const QString &at(quint32 id) const { return m_strings.at(id); }
    int size() const { return int(m_strings.size()); }
    void clear();
    // Takes the strings another pool (a reader's) added as ids `firstId`, `firstId + 1`,
    // ... When this pool mirrors that one (it holds exactly that pool's first `firstId`
    // strings: the caller knows) they keep their ids and the result is empty; otherwise
    // the result maps each of them, by position, to its id here.
    QVector<quint32> adopt(quint32 firstId, const QStringList &strings, bool mirrors);

private:
    QVector<QString> m_strings;
    InternIndex m_index;
};
