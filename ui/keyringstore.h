#pragma once

#include "jwt/jwtverifier.h"

#include <QObject>
#include <QVector>

// The public keys live capture verifies against, one per app, each named; kept in
// QSettings (group "keyring": name and SPKI PEM, never a private key).
class KeyringStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyringStore)

public:
    struct Entry
    {
        QString name;
        QByteArray pem; // SPKI PEM, as re-encoded from the loaded key
        NamedKey key;
    };

    // Reads the saved keys; a saved key that no longer loads is dropped.
    explicit KeyringStore(QObject *parent = nullptr);

    const QVector<Entry> &entries() const { return m_entries; }
    int size() const { return int(m_entries.size()); }
    int indexOf(const QString &name) const;

    // Loads `text` (any form the key reader takes) and adds it under `name`.
    // On failure nothing changes and `error` says why.
    bool add(const QString &name, const QByteArray &text, QString *error = nullptr,
             QStringList *warnings = nullptr);
    bool rename(int index, const QString &name, QString *error = nullptr);
    void remove(int index);

    Keyring keyring() const;
    JwtVerifier verifier() const;

signals:
    void changed();

private:
    bool checkName(const QString &name, int except, QString *error) const;
    void save() const;

    QVector<Entry> m_entries;
};
