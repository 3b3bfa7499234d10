#include "scenariofile.h"
#include "failwith.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSaveFile>

namespace ScenarioFile {
namespace {
const QString kVersionKey = QStringLiteral("hookscopeScenario");

} // namespace

bool write(const QString &path, const QJsonObject &scenario, QString *error)
{
    QJsonObject json = scenario;
    json.insert(kVersionKey, kVersion);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return failWith(error, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    file.write(QJsonDocument(json).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return failWith(error, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return true;
}

std::optional<QJsonObject> read(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        failWith(error, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        return std::nullopt;
    }
    QJsonParseError parse;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parse);
    if (parse.error != QJsonParseError::NoError) {
        failWith(error, QStringLiteral("%1 is not JSON: %2 at offset %3")
                            .arg(path, parse.errorString())
                            .arg(parse.offset));
        return std::nullopt;
    }
    const QJsonObject json = document.object();
    const int version = json.value(kVersionKey).toInt(0);
    if (version < 1 || version > kVersion) {
        failWith(error, QStringLiteral("%1 is not a Hookscope scenario (version %2 expected)")
                            .arg(path)
                            .arg(kVersion));
        return std::nullopt;
    }
    if (!json.value(QLatin1String("envelope")).isObject()) {
        failWith(error, QStringLiteral("%1 has no \"envelope\" object").arg(path));
        return std::nullopt;
    }
    return json;
}
} // namespace ScenarioFile
