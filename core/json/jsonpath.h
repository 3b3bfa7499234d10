#pragma once

#include <QString>

// Paths into a JSON tree in JavaScript notation, as a developer would write
// them in a receiver: data.createdEvent.entity.emails[0]["odd key"].
QString jsonPathAppendKey(const QString &path, const QString &key);
QString jsonPathAppendIndex(const QString &path, qsizetype index);
// The same, appending to `path` in place: a walk down a deep tree extends and
// truncates one string instead of copying its whole path at every level.
void jsonPathPushKey(QString &path, const QString &key);
void jsonPathPushIndex(QString &path, qsizetype index);
