#include "jwt/keyring.h"

PublicKeyLoadResult Keyring::addFromText(const QString &name, const QByteArray &text,
                                         const QString &kid)
{
    PublicKeyLoadResult loaded = loadPublicKey(text);
    if (loaded.ok())
        add({name, kid, loaded.key, loaded.format, loaded.warnings});
    return loaded;
}

void Keyring::add(NamedKey key)
{
    m_keys.append(std::move(key));
}

QVector<const NamedKey *> Keyring::candidatesFor(const QString &kid) const
{
    QVector<const NamedKey *> candidates;
    if (!kid.isEmpty()) {
        for (const NamedKey &key : m_keys) {
            if (key.kid == kid || (key.kid.isEmpty() && key.name == kid))
                return {&key};
        }
    }
    candidates.reserve(m_keys.size());
    for (const NamedKey &key : m_keys)
        candidates.append(&key);
    return candidates;
}
