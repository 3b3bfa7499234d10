#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

// Replaces instance and identity ids with stable aliases ("instance-1",
// "member-2", ...), the same alias for the same id in every file of an export.
class IdRedactor
{
public:
    void learn(const QString &id, const QString &kind); // kind: "instance", "member", ...
    QByteArray apply(QByteArray text) const;
    QString apply(QString text) const;
    QString aliasOf(const QString &id) const { return m_aliases.value(id); }

private:
    QHash<QString, QString> m_aliases;
    QHash<QString, int> m_counters;
};
