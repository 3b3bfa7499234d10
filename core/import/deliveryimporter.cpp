#include "import/deliveryimporter.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

namespace {
bool readAll(const QString &path, QByteArray *bytes, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return false;
    }
    *bytes = file.readAll();
    return true;
}

QJsonDocument parseJson(const QByteArray &bytes, QString *error)
{
    QJsonParseError parse;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parse);
    if (parse.error != QJsonParseError::NoError)
        *error =
            QStringLiteral("not JSON: %1 at offset %2").arg(parse.errorString()).arg(parse.offset);
    return document;
}

void readJsonLines(const QString &path, const QByteArray &bytes, ImportResult &result)
{
    int number = 0;
    for (const QByteArray &line : bytes.split('\n')) {
        ++number;
        if (line.trimmed().isEmpty())
            continue;
        QString error;
        const QJsonDocument document = parseJson(line, &error);
        std::optional<Delivery> delivery;
        if (error.isEmpty() && !document.isObject())
            error = QStringLiteral("not a JSON object");
        if (error.isEmpty())
            delivery = Delivery::fromJson(document.object(), &error);
        if (delivery)
            result.deliveries.append(*delivery);
        else
            result.errors.append({path, QStringLiteral("line %1").arg(number), error});
    }
}

void readHar(const QString &path, const QJsonObject &har, ImportResult &result)
{
    const QJsonArray entries =
        har.value(QLatin1String("log")).toObject().value(QLatin1String("entries")).toArray();
    if (!har.value(QLatin1String("log")).isObject()) {
        result.errors.append(
            {path, QStringLiteral("log"), QStringLiteral("a HAR file has a \"log\" object")});
        return;
    }
    for (int i = 0; i < entries.size(); ++i) {
        const QJsonObject entry = entries.at(i).toObject();
        const QJsonObject request = entry.value(QLatin1String("request")).toObject();
        const QString where = QStringLiteral("entry %1").arg(i + 1);
        const QDateTime started = QDateTime::fromString(
            entry.value(QLatin1String("startedDateTime")).toString(), Qt::ISODateWithMs);
        const QUrl url(request.value(QLatin1String("url")).toString());
        if (!started.isValid() || !url.isValid() ||
            request.value(QLatin1String("method")).toString().isEmpty()) {
            result.errors.append(
                {path, where,
                 QStringLiteral("needs startedDateTime, request.method and request.url")});
            continue;
        }
        Delivery d;
        d.arrivalMs = started.toMSecsSinceEpoch();
        d.method = request.value(QLatin1String("method")).toString();
        d.path = url.path().isEmpty() ? QStringLiteral("/") : url.path();
        d.query = url.query(QUrl::FullyEncoded);
        for (const QJsonValue &header : request.value(QLatin1String("headers")).toArray())
            d.headers.append({header[QLatin1String("name")].toString().toLatin1(),
                              header[QLatin1String("value")].toString().toLatin1()});
        const QJsonObject postData = request.value(QLatin1String("postData")).toObject();
        const QString text = postData.value(QLatin1String("text")).toString();
        d.body = postData.value(QLatin1String("_encoding")).toString() == QLatin1String("base64")
                     ? QByteArray::fromBase64(text.toLatin1())
                     : text.toUtf8();
        d.size = d.body.size();
        const QJsonObject response = entry.value(QLatin1String("response")).toObject();
        d.answerStatus = response.value(QLatin1String("status")).toInt(200);
        d.answerBody = response.value(QLatin1String("content"))
                           .toObject()
                           .value(QLatin1String("text"))
                           .toString()
                           .toUtf8();
        d.answerDelayMs = int(entry.value(QLatin1String("timings"))
                                  .toObject()
                                  .value(QLatin1String("wait"))
                                  .toDouble());
        d.peer = entry.value(QLatin1String("_hookscope"))
                     .toObject()
                     .value(QLatin1String("peer"))
                     .toString();
        result.deliveries.append(d);
    }
}

void readFixtures(const QString &folder, ImportResult &result)
{
    const QDir dir(folder);
    const QString manifestPath = dir.filePath(QStringLiteral("manifest.json"));
    QByteArray bytes;
    QString error;
    if (!readAll(manifestPath, &bytes, &error)) {
        result.errors.append({manifestPath, QStringLiteral("manifest"), error});
        return;
    }
    const QJsonDocument manifest = parseJson(bytes, &error);
    if (!error.isEmpty() || !manifest.object().value(QLatin1String("fixtures")).isArray()) {
        result.errors.append(
            {manifestPath, QStringLiteral("manifest"),
             error.isEmpty() ? QStringLiteral("needs a \"fixtures\" array") : error});
        return;
    }
    for (const QJsonValue &item : manifest.object().value(QLatin1String("fixtures")).toArray()) {
        const QString file = item[QLatin1String("file")].toString();
        const QString path = dir.filePath(file);
        error.clear();
        if (file.isEmpty() || !readAll(path, &bytes, &error)) {
            result.errors.append({manifestPath, file.isEmpty() ? QStringLiteral("fixture") : file,
                                  error.isEmpty() ? QStringLiteral("no \"file\"") : error});
            continue;
        }
        const QJsonDocument fixture = parseJson(bytes, &error);
        if (!error.isEmpty()) {
            result.errors.append({path, file, error});
            continue;
        }
        QJsonObject json = fixture.object();
        // The .jwt beside it is the token byte for byte.
        QByteArray token;
        const QString jwt = item[QLatin1String("jwt")].toString();
        if (jwt.isEmpty() || !readAll(dir.filePath(jwt), &token, &error))
            token = json.value(QLatin1String("token")).toString().toUtf8();
        json.insert(QStringLiteral("body"), QString::fromLatin1(token.toBase64()));
        json.insert(QStringLiteral("bodyEncoding"), QStringLiteral("base64"));
        json.insert(QStringLiteral("answer"), json.value(QLatin1String("answer")));
        std::optional<Delivery> delivery = Delivery::fromJson(json, &error);
        if (delivery)
            result.deliveries.append(*delivery);
        else
            result.errors.append({path, file, error});
    }
}
} // namespace

ImportResult readDeliveries(const QString &path)
{
    ImportResult result;
    const QFileInfo info(path);
    if (info.isDir()) {
        readFixtures(path, result);
        return result;
    }
    QByteArray bytes;
    QString error;
    if (!readAll(path, &bytes, &error)) {
        result.errors.append({path, QStringLiteral("file"), error});
        return result;
    }
    const QByteArray start = bytes.trimmed().left(200);
    if (start.startsWith('{') && start.contains("\"log\"")) {
        const QJsonDocument har = parseJson(bytes, &error);
        if (!error.isEmpty())
            result.errors.append({path, QStringLiteral("file"), error});
        else
            readHar(path, har.object(), result);
        return result;
    }
    readJsonLines(path, bytes, result);
    return result;
}
