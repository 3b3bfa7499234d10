#include "export/idredactor.h"

void IdRedactor::learn(const QString &id, const QString &kind)
{
    if (id.size() < 4 || m_aliases.contains(id))
        return; // too short to replace safely inside other text
    m_aliases.insert(id, QStringLiteral("%1-%2").arg(kind).arg(++m_counters[kind]));
}

QString IdRedactor::apply(QString text) const
{
    for (auto it = m_aliases.cbegin(); it != m_aliases.cend(); ++it)
        text.replace(it.key(), it.value());
    return text;
}

QByteArray IdRedactor::apply(QByteArray text) const
{
    for (auto it = m_aliases.cbegin(); it != m_aliases.cend(); ++it)
        text.replace(it.key().toUtf8(), it.value().toUtf8());
    return text;
}
