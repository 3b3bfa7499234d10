#include "signingkeybox.h"

#include "send/testkeystore.h"

#include <QClipboard>
#include <QFileDialog>
#include <QGridLayout>
#include <QGuiApplication>
#include <QLabel>
#include <QPushButton>

SigningKeyBox::SigningKeyBox(const QString &testKeyFolder, QWidget *parent)
    : QGroupBox(QStringLiteral("Signing key"), parent)
    , m_folder(testKeyFolder)
    , m_description(new QLabel(this))
    , m_copyPem(new QPushButton(QStringLiteral("Copy public key (PEM)"), this))
    , m_copyOneLine(new QPushButton(QStringLiteral("Copy one-line form"), this))
    , m_useOwn(new QPushButton(QStringLiteral("Use my own private key\u2026"), this))
    , m_useTest(new QPushButton(QStringLiteral("Use the test key"), this))
{
    setObjectName(QStringLiteral("signingKeyBox"));
    m_description->setObjectName(QStringLiteral("signingKeyLabel"));
    m_description->setTextFormat(Qt::PlainText);
    m_description->setWordWrap(true);
    m_description->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_copyPem->setObjectName(QStringLiteral("copyPublicPemButton"));
    m_copyPem->setToolTip(QStringLiteral("The public key as your app's settings take it "
                                         "(-----BEGIN PUBLIC KEY-----)"));
    m_copyOneLine->setObjectName(QStringLiteral("copyPublicOneLineButton"));
    m_copyOneLine->setToolTip(QStringLiteral("The whole PEM base64-encoded on one line, for an "
                                             "environment variable"));
    m_useOwn->setObjectName(QStringLiteral("useOwnKeyButton"));
    m_useOwn->setToolTip(QStringLiteral("Sign with a private key of yours (PEM, unencrypted); it "
                                        "is read, never shown or copied"));
    m_useTest->setObjectName(QStringLiteral("useTestKeyButton"));
    auto *layout = new QGridLayout(this);
    layout->addWidget(m_description, 0, 0, 1, 2);
    layout->addWidget(m_copyPem, 1, 0);
    layout->addWidget(m_copyOneLine, 1, 1);
    layout->addWidget(m_useOwn, 2, 0);
    layout->addWidget(m_useTest, 2, 1);
    connect(m_copyPem, &QPushButton::clicked, this, &SigningKeyBox::copyPublicPem);
    connect(m_copyOneLine, &QPushButton::clicked, this, &SigningKeyBox::copyOneLine);
    connect(m_useOwn, &QPushButton::clicked, this, &SigningKeyBox::chooseOwnKey);
    connect(m_useTest, &QPushButton::clicked, this, &SigningKeyBox::useTestKey);
    updateDescription();
}

void SigningKeyBox::showEvent(QShowEvent *event)
{
    QGroupBox::showEvent(event);
    // The test key is made on first use: showing the panel is one.
    if (m_key.isNull() && m_error.isEmpty())
        ensureKey();
}

bool SigningKeyBox::ensureKey(QString *error)
{
    if (!m_key.isNull())
        return true;
    const TestKeyStore::Result result = TestKeyStore::loadOrCreate(m_folder);
    if (!result.ok()) {
        m_error = result.error;
        if (error)
            *error = m_error;
        updateDescription();
        return false;
    }
    m_key = result.key;
    m_path = result.privatePath;
    m_ownKey = false;
    m_error.clear();
    updateDescription();
    if (result.created)
        Q_EMIT message(QStringLiteral("Created the test key pair in %1").arg(m_folder));
    Q_EMIT keyChanged();
    return true;
}

PublicKey SigningKeyBox::publicKey() const
{
    return m_key.isNull() ? PublicKey() : m_key.publicKey();
}

bool SigningKeyBox::useKeyFile(const QString &path, QString *error)
{
    const TestKeyStore::Result result = TestKeyStore::loadPrivateKeyFile(path);
    if (!result.ok()) {
        if (error)
            *error = result.error;
        return false;
    }
    m_key = result.key;
    m_path = path;
    m_ownKey = true;
    m_error.clear();
    updateDescription();
    Q_EMIT keyChanged();
    return true;
}

void SigningKeyBox::useTestKey()
{
    m_key = RsaPrivateKey();
    m_error.clear();
    ensureKey();
}

void SigningKeyBox::chooseOwnKey()
{
    const QString path =
        QFileDialog::getOpenFileName(this, QStringLiteral("Use my own private key"), QString(),
                                     QStringLiteral("PEM keys (*.pem *.key);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!useKeyFile(path, &error))
        Q_EMIT message(QStringLiteral("Key not used: %1").arg(error));
}

QString SigningKeyBox::description() const
{
    return m_description->text();
}

void SigningKeyBox::updateDescription()
{
    const bool loaded = !m_key.isNull();
    m_copyPem->setEnabled(loaded);
    m_copyOneLine->setEnabled(loaded);
    m_useTest->setEnabled(m_ownKey);
    if (!m_error.isEmpty()) {
        m_description->setText(QStringLiteral("No signing key: %1").arg(m_error));
        return;
    }
    if (!loaded) {
        m_description->setText(
            QStringLiteral("The test key is made on first use in %1.").arg(m_folder));
        return;
    }
    const PublicKey pub = m_key.publicKey();
    m_description->setText(
        QStringLiteral("%1 (RSA %2), %3\nSHA-256 of the public key: %4\nPut its public key in "
                       "the keyring (Tools \u203A Keys) and in your app to verify what is sent.")
            .arg(m_ownKey ? QStringLiteral("Your key") : QStringLiteral("Hookscope's test key"))
            .arg(m_key.bits())
            .arg(m_path, pub.sha256Fingerprint()));
}

void SigningKeyBox::copyPublicPem()
{
    if (ensureKey())
        copy(publicKey().spkiPem(), QStringLiteral("the public key (PEM)"));
}

void SigningKeyBox::copyOneLine()
{
    if (ensureKey())
        copy(publicKey().oneLineBase64Pem(), QStringLiteral("the public key's one-line form"));
}

void SigningKeyBox::copy(const QByteArray &text, const QString &what)
{
    QGuiApplication::clipboard()->setText(QString::fromLatin1(text));
    Q_EMIT message(QStringLiteral("Copied %1").arg(what));
}
