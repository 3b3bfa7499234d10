#pragma once

#include <QString>

// Paths into a JSON tree in JavaScript notation, as a developer would write
// them in a receiver: data.createdEvent.entity.emails[0]["odd key"].
QString jsonPathAppendKey(const QString &path, const QString &key);
QString jsonPathAppendIndex(const QString &path, qsizetype index);
