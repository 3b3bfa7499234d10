#pragma once

#include <QJsonValue>
#include <QSet>
#include <QString>
#include <QVector>

struct JsonChange
{
    enum class Kind { Added, Removed, Changed };
    Kind kind = Kind::Changed;
    QString path; // json/jsonpath.h notation
    QJsonValue left;
    QJsonValue right;

    QString toText() const; // "~ path: left -> right", "+ path: right", "- path: left"
};

// Field-level differences between two JSON trees, in document order; paths in
// `ignored` (and everything below them) are skipped. Arrays compare by index.
QVector<JsonChange> diffJson(const QJsonValue &left, const QJsonValue &right,
                             const QSet<QString> &ignored = {}, const QString &root = QString());
