#include "send/testkeystore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace TestKeyStore {
namespace {
const QString kStem = QStringLiteral("test-key");

bool writeFile(const QString &path, const QByteArray &bytes, QFileDevice::Permissions permissions,
               QString *error)
{
    QFile file(path);
    // Created with its final permissions: a private key is never readable by others,
    // not even for a moment.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, permissions)) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    if (file.write(bytes) != bytes.size()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}
} // namespace

Result loadPrivateKeyFile(const QString &path)
{
    Result result;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return result;
    }
    QString why;
    result.key = RsaPrivateKey::fromPem(file.readAll(), &why);
    if (result.key.isNull())
        result.error = QStringLiteral("%1: %2").arg(path, why);
    result.privatePath = path;
    return result;
}

Result writePair(const RsaPrivateKey &key, const QString &dir, const QString &stem)
{
    Result result;
    QDir().mkpath(dir);
    result.privatePath = QDir(dir).filePath(stem + QStringLiteral(".pem"));
    result.publicPath = QDir(dir).filePath(stem + QStringLiteral(".pub.pem"));
    for (const QString &path : {result.privatePath, result.publicPath}) {
        if (QFileInfo::exists(path)) {
            result.error = QStringLiteral("%1 exists; not overwritten").arg(path);
            return result;
        }
    }
    if (!writeFile(result.privatePath, key.toPem(),
                   QFileDevice::ReadOwner | QFileDevice::WriteOwner, &result.error) ||
        !writeFile(result.publicPath, key.publicKey().spkiPem(),
                   QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                       QFileDevice::ReadOther,
                   &result.error)) {
        return result;
    }
    result.key = key;
    result.created = true;
    return result;
}

Result loadOrCreate(const QString &folder)
{
    const QString privatePath = QDir(folder).filePath(kStem + QStringLiteral(".pem"));
    if (QFileInfo::exists(privatePath)) {
        Result result = loadPrivateKeyFile(privatePath);
        result.publicPath = QDir(folder).filePath(kStem + QStringLiteral(".pub.pem"));
        return result;
    }
    return writePair(RsaPrivateKey::generate(2048), folder, kStem);
}
} // namespace TestKeyStore
