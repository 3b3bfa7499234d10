#pragma once

#include <QJsonValue>
#include <QString>

#include <optional>

// The value a path of json/jsonpath.h's notation names in a tree, e.g.
// `payload.data.data.createdEvent.entity.emails[0]["odd key"]`; nullopt when the
// tree has no such node or the path is not in that notation.
std::optional<QJsonValue> jsonValueAtPath(const QJsonValue &root, const QString &path);
