#include "models/stringpool.h"

#include <QHash>

StringPool::StringPool()
{
    clear();
}

quint32 StringPool::intern(const QString &text)
{
    if (text.isEmpty())
        return 0;
    const size_t hash = qHash(text, 0);
    const quint32 found = m_index.find(hash, [&](quint32 id) { return m_strings.at(id) == text; });
    if (found != 0)
        return found;
    m_strings.append(text);
    return m_index.add(hash);
}

void StringPool::clear()
{
    m_strings = {QString()};
    m_index.clear();
}

QVector<quint32> StringPool::adopt(quint32 firstId, const QStringList &strings, bool mirrors)
{
    QVector<quint32> remap;
    if (!mirrors || firstId != quint32(m_strings.size())) {
        remap.reserve(strings.size());
        for (const QString &text : strings)
            remap.append(intern(text));
        return remap;
    }
    for (const QString &text : strings) {
        m_strings.append(text);
        m_index.add(qHash(text, 0));
    }
    return remap;
}
