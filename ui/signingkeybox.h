#pragma once

#include "jwt/rsaprivatekey.h"

#include <QGroupBox>

class QLabel;
class QPushButton;

// Which key signs the Send panel's webhooks: Hookscope's test key (made on first
// use in the data folder, private half owner-only) or the developer's own. Its
// public half can be copied as PEM or in the one-line form; the private key is
// never shown, copied or logged.
class SigningKeyBox final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SigningKeyBox)

public:
    explicit SigningKeyBox(const QString &testKeyFolder, QWidget *parent = nullptr);

    // Loads (or creates) the test key unless a key is in use already.
    bool ensureKey(QString *error = nullptr);
    const RsaPrivateKey &key() const { return m_key; }
    PublicKey publicKey() const;
    bool usingOwnKey() const { return m_ownKey; }
    // Signs with the private key in `path` from now on.
    bool useKeyFile(const QString &path, QString *error = nullptr);
    QString description() const;

public Q_SLOTS:
    void copyPublicPem();
    void copyOneLine();
    void chooseOwnKey();
    void useTestKey();

Q_SIGNALS:
    void keyChanged();
    void message(const QString &text);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void updateDescription();
    void copy(const QByteArray &text, const QString &what);

    QString m_folder;
    RsaPrivateKey m_key;
    QString m_path;
    QString m_error;
    bool m_ownKey = false;
    QLabel *m_description;
    QPushButton *m_copyPem;
    QPushButton *m_copyOneLine;
    QPushButton *m_useOwn;
    QPushButton *m_useTest;
};
