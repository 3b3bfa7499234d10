#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

// A saved Send panel scenario: one JSON object in a file,
// {"hookscopeScenario": 1, "template", "target", "envelope", "scenario"}.
namespace ScenarioFile {
constexpr int kVersion = 1;
bool write(const QString &path, const QJsonObject &scenario, QString *error = nullptr);
// The object, checked for its version and an "envelope" object; nullopt with `error` else.
std::optional<QJsonObject> read(const QString &path, QString *error = nullptr);
} // namespace ScenarioFile
