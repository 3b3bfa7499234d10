#include "import/deliveryimporter.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

#include <limits>

namespace {
// HAR's timings.wait: milliseconds as a number, -1 when not known. Anything a file may hold
// that is no delay an int can carry (negative, NaN, 1e300) reads as 0; converting such a
// double to int would be undefined.
int waitMs(const QJsonValue &wait)
{
    const double ms = wait.toDouble();
    return ms >= 0 && ms <= double(std::numeric_limits<int>::max()) ? int(ms) : 0;
}

std::optional<QByteArray> readAll(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return std::nullopt;
    }
    return file.readAll();
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
} // namespace

ImportResult readJsonLines(const QByteArray &bytes, const QString &source)
{
    ImportResult result;
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
            result.errors.append({source, QStringLiteral("line %1").arg(number), error});
    }
    return result;
}

ImportResult readHar(const QByteArray &bytes, const QString &source)
{
    ImportResult result;
    QString error;
    const QJsonObject har = parseJson(bytes, &error).object();
    if (!error.isEmpty()) {
        result.errors.append({source, QStringLiteral("file"), error});
        return result;
    }
    const QJsonArray entries =
        har.value(QLatin1String("log")).toObject().value(QLatin1String("entries")).toArray();
    if (!har.value(QLatin1String("log")).isObject()) {
        result.errors.append(
            {source, QStringLiteral("log"), QStringLiteral("a HAR file has a \"log\" object")});
        return result;
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
                {source, where,
                 QStringLiteral("needs startedDateTime, request.method and request.url")});
            continue;
        }
        Delivery d;
        d.path = url.path().isEmpty() ? QStringLiteral("/") : url.path();
        if (!d.path.startsWith(QLatin1Char('/'))) {
            result.errors.append(
                {source, where, QStringLiteral("request.url is neither absolute nor a path")});
            continue;
        }
        d.arrivalMs = started.toMSecsSinceEpoch();
        d.method = request.value(QLatin1String("method")).toString();
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
        d.answerDelayMs =
            waitMs(entry.value(QLatin1String("timings")).toObject().value(QLatin1String("wait")));
        d.peer = entry.value(QLatin1String("_hookscope"))
                     .toObject()
                     .value(QLatin1String("peer"))
                     .toString();
        result.deliveries.append(d);
    }
    return result;
}

ImportResult readFixtures(const QByteArray &manifestBytes, const QString &folder,
                          const FixtureFileReader &readFile)
{
    ImportResult result;
    const QDir dir(folder);
    const QString manifestPath = dir.filePath(QStringLiteral("manifest.json"));
    QString error;
    const QJsonDocument manifest = parseJson(manifestBytes, &error);
    if (!error.isEmpty() || !manifest.object().value(QLatin1String("fixtures")).isArray()) {
        result.errors.append(
            {manifestPath, QStringLiteral("manifest"),
             error.isEmpty() ? QStringLiteral("needs a \"fixtures\" array") : error});
        return result;
    }
    for (const QJsonValue &item : manifest.object().value(QLatin1String("fixtures")).toArray()) {
        const QString file = item[QLatin1String("file")].toString();
        const QString path = dir.filePath(file);
        error.clear();
        const std::optional<QByteArray> bytes =
            file.isEmpty() ? std::nullopt : readFile(file, &error);
        if (!bytes) {
            result.errors.append({manifestPath, file.isEmpty() ? QStringLiteral("fixture") : file,
                                  error.isEmpty() ? QStringLiteral("no \"file\"") : error});
            continue;
        }
        const QJsonDocument fixture = parseJson(*bytes, &error);
        if (!error.isEmpty()) {
            result.errors.append({path, file, error});
            continue;
        }
        QJsonObject json = fixture.object();
        // The .jwt beside it is the token byte for byte.
        const QString jwt = item[QLatin1String("jwt")].toString();
        std::optional<QByteArray> token = jwt.isEmpty() ? std::nullopt : readFile(jwt, &error);
        if (!token)
            token = json.value(QLatin1String("token")).toString().toUtf8();
        json.insert(QStringLiteral("body"), QString::fromLatin1(token->toBase64()));
        json.insert(QStringLiteral("bodyEncoding"), QStringLiteral("base64"));
        json.insert(QStringLiteral("answer"), json.value(QLatin1String("answer")));
        std::optional<Delivery> delivery = Delivery::fromJson(json, &error);
        if (delivery)
            result.deliveries.append(*delivery);
        else
            result.errors.append({path, file, error});
    }
    return result;
}

ImportResult readDeliveries(const QString &path)
{
    QString error;
    if (QFileInfo(path).isDir()) {
        const QDir dir(path);
        const QString manifestPath = dir.filePath(QStringLiteral("manifest.json"));
        const std::optional<QByteArray> manifest = readAll(manifestPath, &error);
        if (!manifest)
            return {{}, {{manifestPath, QStringLiteral("manifest"), error}}};
        return readFixtures(*manifest, path, [&dir](const QString &name, QString *why) {
            return readAll(dir.filePath(name), why);
        });
    }
    const std::optional<QByteArray> bytes = readAll(path, &error);
    if (!bytes)
        return {{}, {{path, QStringLiteral("file"), error}}};
    const QByteArray start = bytes->trimmed().left(200);
    if (start.startsWith('{') && start.contains("\"log\""))
        return readHar(*bytes, path);
    return readJsonLines(*bytes, path);
}
