#pragma once

#include "jwt/publickey.h"
#include "jwt/publickeyloader.h"

#include <QString>
#include <QVector>

struct NamedKey
{
    QString name;
    QString kid; // optional; a token's "kid" header picks the key whose kid or name matches
    PublicKey key;
    KeyFormat format = KeyFormat::Unknown;
    QStringList warnings;
};

// The public keys a token may be checked against: one per app, each named.
class Keyring
{
public:
    // Loads a key from text and adds it when it is usable; returns what loading said.
    PublicKeyLoadResult addFromText(const QString &name, const QByteArray &text,
                                    const QString &kid = QString());
    void add(NamedKey key);

    bool isEmpty() const { return m_keys.isEmpty(); }
    int size() const { return static_cast<int>(m_keys.size()); }
    const QVector<NamedKey> &keys() const { return m_keys; }

    // The key named by `kid` when one matches, else every key in order.
    QVector<const NamedKey *> candidatesFor(const QString &kid) const;

private:
    QVector<NamedKey> m_keys;
};
