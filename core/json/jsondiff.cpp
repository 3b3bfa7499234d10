#include "json/jsondiff.h"

#include "json/jsonpath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
QString compact(const QJsonValue &value)
{
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

void diffInto(const QJsonValue &left, const QJsonValue &right, const QString &path,
              const QSet<QString> &ignored, QVector<JsonChange> &out)
{
    if (ignored.contains(path))
        return;
    if (left.isObject() && right.isObject()) {
        const QJsonObject a = left.toObject();
        const QJsonObject b = right.toObject();
        for (auto it = a.begin(); it != a.end(); ++it) {
            const QString child = jsonPathAppendKey(path, it.key());
            const auto other = b.constFind(it.key());
            if (other == b.constEnd()) {
                if (!ignored.contains(child))
                    out.append({JsonChange::Kind::Removed, child, *it, QJsonValue::Undefined});
            } else {
                diffInto(*it, *other, child, ignored, out);
            }
        }
        for (auto it = b.begin(); it != b.end(); ++it) {
            const QString child = jsonPathAppendKey(path, it.key());
            if (!a.contains(it.key()) && !ignored.contains(child))
                out.append({JsonChange::Kind::Added, child, QJsonValue::Undefined, *it});
        }
        return;
    }
    if (left.isArray() && right.isArray()) {
        const QJsonArray a = left.toArray();
        const QJsonArray b = right.toArray();
        const qsizetype common = qMin(a.size(), b.size());
        for (qsizetype i = 0; i < common; ++i)
            diffInto(a.at(i), b.at(i), jsonPathAppendIndex(path, i), ignored, out);
        for (qsizetype i = common; i < a.size(); ++i)
            out.append({JsonChange::Kind::Removed, jsonPathAppendIndex(path, i), a.at(i),
                        QJsonValue::Undefined});
        for (qsizetype i = common; i < b.size(); ++i)
            out.append({JsonChange::Kind::Added, jsonPathAppendIndex(path, i),
                        QJsonValue::Undefined, b.at(i)});
        return;
    }
    if (left != right)
        out.append({JsonChange::Kind::Changed, path, left, right});
}
} // namespace

QString JsonChange::toText() const
{
    switch (kind) {
    case Kind::Added:
        return QStringLiteral("+ %1: %2").arg(path, compact(right));
    case Kind::Removed:
        return QStringLiteral("- %1: %2").arg(path, compact(left));
    case Kind::Changed:
        break;
    }
    return QStringLiteral("~ %1: %2 -> %3").arg(path, compact(left), compact(right));
}

QVector<JsonChange> diffJson(const QJsonValue &left, const QJsonValue &right,
                             const QSet<QString> &ignored, const QString &root)
{
    QVector<JsonChange> changes;
    diffInto(left, right, root, ignored, changes);
    return changes;
}
