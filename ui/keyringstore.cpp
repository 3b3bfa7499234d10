#include "keyringstore.h"
#include "failwith.h"

#include <QSettings>

namespace {
const QString kGroup = QStringLiteral("keyring");
const QString kArray = QStringLiteral("keys");
const QString kName = QStringLiteral("name");
const QString kPem = QStringLiteral("pem");

} // namespace

KeyringStore::KeyringStore(QObject *parent)
    : QObject(parent)
{
    QSettings settings;
    settings.beginGroup(kGroup);
    const int count = settings.beginReadArray(kArray);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        const QString name = settings.value(kName).toString();
        const PublicKeyLoadResult loaded = loadPublicKey(settings.value(kPem).toByteArray());
        if (name.isEmpty() || !loaded.ok() || indexOf(name) >= 0)
            continue;
        m_entries.append({name, loaded.key.spkiPem(),
                          NamedKey{name, QString(), loaded.key, loaded.format, loaded.warnings}});
    }
    settings.endArray();
}

int KeyringStore::indexOf(const QString &name) const
{
    for (int i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).name == name)
            return i;
    }
    return -1;
}

bool KeyringStore::checkName(const QString &name, int except, QString *error) const
{
    if (name.trimmed().isEmpty())
        return failWith(error, QStringLiteral("Give the key a name, e.g. the app's name."));
    const int existing = indexOf(name.trimmed());
    if (existing >= 0 && existing != except)
        return failWith(error,
                        QStringLiteral("A key named \"%1\" exists already.").arg(name.trimmed()));
    return true;
}

bool KeyringStore::add(const QString &name, const QByteArray &text, QString *error,
                       QStringList *warnings)
{
    if (!checkName(name, -1, error))
        return false;
    const PublicKeyLoadResult loaded = loadPublicKey(text);
    if (!loaded.ok())
        return failWith(error,
                        QStringLiteral("%1: %2").arg(reasonCode(loaded.error), loaded.message));
    if (warnings)
        *warnings = loaded.warnings;
    const QString trimmed = name.trimmed();
    m_entries.append({trimmed, loaded.key.spkiPem(),
                      NamedKey{trimmed, QString(), loaded.key, loaded.format, loaded.warnings}});
    save();
    emit changed();
    return true;
}

bool KeyringStore::rename(int index, const QString &name, QString *error)
{
    if (index < 0 || index >= m_entries.size())
        return failWith(error, QStringLiteral("No such key."));
    if (!checkName(name, index, error))
        return false;
    Entry &entry = m_entries[index];
    entry.name = name.trimmed();
    entry.key.name = entry.name;
    save();
    emit changed();
    return true;
}

void KeyringStore::remove(int index)
{
    if (index < 0 || index >= m_entries.size())
        return;
    m_entries.removeAt(index);
    save();
    emit changed();
}

Keyring KeyringStore::keyring() const
{
    Keyring keyring;
    for (const Entry &entry : m_entries)
        keyring.add(entry.key);
    return keyring;
}

JwtVerifier KeyringStore::verifier() const
{
    return JwtVerifier(keyring());
}

void KeyringStore::save() const
{
    QSettings settings;
    settings.beginGroup(kGroup);
    settings.remove(QString());
    settings.beginWriteArray(kArray, int(m_entries.size()));
    for (int i = 0; i < m_entries.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(kName, m_entries.at(i).name);
        settings.setValue(kPem, QString::fromLatin1(m_entries.at(i).pem));
    }
    settings.endArray();
}
