#pragma once

#include "jwt/rsaprivatekey.h"

#include <QString>

// The test key pair that signs test webhooks: generated on first use in the
// data folder, the private key owner-only (0600), never exported unless asked.
namespace TestKeyStore {
struct Result
{
    RsaPrivateKey key;
    QString privatePath;
    QString publicPath;
    QString error;
    bool created = false;
    bool ok() const { return !key.isNull(); }
};

Result loadOrCreate(const QString &folder);
Result loadPrivateKeyFile(const QString &path); // a user's own key instead
// Writes "<dir>/<stem>.pem" (0600) and "<dir>/<stem>.pub.pem"; refuses to overwrite.
Result writePair(const RsaPrivateKey &key, const QString &dir, const QString &stem);
} // namespace TestKeyStore
