#include "decodedtreeview.h"
#include "jwtsegmenthighlighter.h"
#include "jwtvalidatordialog.h"
#include "mainwindow.h"
#include "models/jsontreemodel.h"
#include "testkeys.h"
#include "tokenfactory.h"
#include "verdictbanner.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDateTime>
#include <QJsonDocument>
#include <QLabel>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextLayout>
#include <QtTest>
#include <QUrl>

namespace {
const QString kEventTypePath = QStringLiteral("payload.data.eventType");
const QString kFirstNamePath =
    QStringLiteral("payload.data.data.createdEvent.entity.info.name.first");

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject contactCreatedClaims(qint64 iat)
{
    return TokenFactory::wixClaims(
        TokenFactory::loadExample(QStringLiteral("contact_created.json")), iat);
}

// The contact's first name set to `name`, inside the envelope's string of JSON.
QJsonObject claimsWithFirstName(const QString &name, qint64 iat)
{
    QJsonObject envelope = TokenFactory::loadExample(QStringLiteral("contact_created.json"));
    QJsonObject data = envelope.value(QStringLiteral("data")).toObject();
    QJsonObject created = data.value(QStringLiteral("createdEvent")).toObject();
    QJsonObject entity = created.value(QStringLiteral("entity")).toObject();
    QJsonObject info = entity.value(QStringLiteral("info")).toObject();
    QJsonObject fullName = info.value(QStringLiteral("name")).toObject();
    fullName.insert(QStringLiteral("first"), name);
    info.insert(QStringLiteral("name"), fullName);
    entity.insert(QStringLiteral("info"), info);
    created.insert(QStringLiteral("entity"), entity);
    data.insert(QStringLiteral("createdEvent"), created);
    envelope.insert(QStringLiteral("data"), data);
    return TokenFactory::wixClaims(envelope, iat);
}

template <typename T> T *child(QObject *parent, const char *name)
{
    T *found = parent->findChild<T *>(QLatin1String(name));
    if (!found)
        qFatal("no child named %s", name);
    return found;
}

QColor foregroundAt(const QTextDocument *document, int position)
{
    const QTextBlock block = document->findBlock(position);
    const int inBlock = position - block.position();
    for (const QTextLayout::FormatRange &range : block.layout()->formats()) {
        if (inBlock >= range.start && inBlock < range.start + range.length)
            return range.format.foreground().color();
    }
    return {};
}
} // namespace

class TestJwtValidator : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void validTokenShowsValid();
    void verdictFollowsTyping();
    void verdicts_data();
    void verdicts();
    void keyErrorsAreNotSignatureErrors_data();
    void keyErrorsAreNotSignatureErrors();
    void keyFormWixWouldRefuseWarns();
    void futureIatWarns();
    void ignoreExpiryAndSkewFeedTheVerifier();
    void tokenTextStaysPlainText();
    void everyLabelIsPlainText();
    void treeShowsEnvelopeExpanded();
    void claimsShowReadableDates();
    void copyPathAndValue();
    void segmentsAreColoured();
    void loadsAndDropsFiles();
    void mainWindowOpensValidatorWithCtrlJ();
    void mainWindowPrefillsFromEnvironment();

private:
    JwtValidatorDialog *showDialog(const QByteArray &token, const QByteArray &key);

    TestKeyPair m_keys;
    TestKeyPair m_otherKeys;
    QByteArray m_token;
    std::unique_ptr<JwtValidatorDialog> m_dialog;
};

void TestJwtValidator::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("HookscopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_jwtvalidator"));
    m_keys = TestKeyPair::generate();
    m_otherKeys = TestKeyPair::generate();
    m_token = TokenFactory::signRs256(contactCreatedClaims(QDateTime::currentSecsSinceEpoch()),
                                      m_keys.privateKey);
}

void TestJwtValidator::init()
{
    QSettings().clear(); // every test starts from the default geometry and options
}

void TestJwtValidator::cleanup()
{
    m_dialog.reset();
}

JwtValidatorDialog *TestJwtValidator::showDialog(const QByteArray &token, const QByteArray &key)
{
    m_dialog = std::make_unique<JwtValidatorDialog>();
    m_dialog->show();
    child<QPlainTextEdit>(m_dialog.get(), "tokenEdit")->setPlainText(QString::fromUtf8(token));
    child<QPlainTextEdit>(m_dialog.get(), "keyEdit")->setPlainText(QString::fromUtf8(key));
    m_dialog->revalidateNow();
    return m_dialog.get();
}

void TestJwtValidator::validTokenShowsValid()
{
    JwtValidatorDialog *dialog = showDialog(m_token, m_keys.spkiPem);
    auto *title = child<QLabel>(dialog, "verdictTitle");
    QCOMPARE(title->text(), QStringLiteral("VALID"));
    QCOMPARE(title->textFormat(), Qt::PlainText);
    QCOMPARE(child<QLabel>(dialog, "verdictCode")->text(), QStringLiteral("valid"));
    QVERIFY(dialog->verdictText().startsWith(QStringLiteral("VALID")));
    QCOMPARE(dialog->verdictState(), VerdictBanner::State::Valid);
    QVERIFY(child<QLabel>(dialog, "verdictMessage")->text().contains(QStringLiteral("valid")));
    QVERIFY(child<QLabel>(dialog, "keyStatus")->text().contains(QStringLiteral("RSA 2048-bit")));

    auto *tree = child<DecodedTreeView>(dialog, "decodedTree");
    auto *model = qobject_cast<JsonTreeModel *>(tree->model());
    QVERIFY(model);
    const QModelIndex eventType = model->indexForPath(kEventTypePath);
    QVERIFY(eventType.isValid());
    QCOMPARE(eventType.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString(),
             QStringLiteral("wix.contacts.v4.contact_created"));
}

void TestJwtValidator::verdictFollowsTyping()
{
    m_dialog = std::make_unique<JwtValidatorDialog>();
    m_dialog->show();
    QCOMPARE(m_dialog->verdictState(), VerdictBanner::State::Idle);
    auto *token = child<QPlainTextEdit>(m_dialog.get(), "tokenEdit");
    auto *key = child<QPlainTextEdit>(m_dialog.get(), "keyEdit");
    token->setPlainText(QString::fromUtf8(m_token));
    QTRY_COMPARE(m_dialog->verdictState(), VerdictBanner::State::Unverified);
    QVERIFY(m_dialog->verdictText().contains(QStringLiteral("no_key")));
    // Without a key the token is still decoded.
    QVERIFY(m_dialog->treeModel()->indexForPath(kEventTypePath).isValid());

    key->setPlainText(QString::fromUtf8(m_keys.spkiPem));
    QTRY_COMPARE(m_dialog->verdictState(), VerdictBanner::State::Valid);

    // Typing one character more breaks the signature.
    QTextCursor cursor = token->textCursor();
    cursor.movePosition(QTextCursor::End);
    token->setTextCursor(cursor);
    QTest::keyClicks(token, QStringLiteral("A"));
    QTRY_COMPARE(m_dialog->verdictState(), VerdictBanner::State::Rejected);

    token->clear();
    QTRY_COMPARE(m_dialog->verdictState(), VerdictBanner::State::Idle);
    QCOMPARE(m_dialog->treeModel()->rowCount(), 0);
}

void TestJwtValidator::verdicts_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("code");

    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QJsonObject otherClaims = contactCreatedClaims(1600000000); // not m_token's iat
    const QByteArray tampered =
        TokenFactory::replaceSegment(m_token, 1, TokenFactory::encode(compact(otherClaims)));
    const int rejected = static_cast<int>(VerdictBanner::State::Rejected);
    const int malformed = static_cast<int>(VerdictBanner::State::Malformed);

    QTest::newRow("valid") << m_token << m_keys.spkiPem
                           << static_cast<int>(VerdictBanner::State::Valid)
                           << QStringLiteral("VALID") << QStringLiteral("valid");
    QTest::newRow("tampered payload")
        << tampered << m_keys.spkiPem << rejected << QStringLiteral("REJECTED")
        << QStringLiteral("signature_tampered");
    QTest::newRow("wrong key") << m_token << m_otherKeys.spkiPem << rejected
                               << QStringLiteral("REJECTED")
                               << QStringLiteral("signature_wrong_key");
    QTest::newRow("garbage") << QByteArray("this is not a token") << m_keys.spkiPem << malformed
                             << QStringLiteral("MALFORMED") << QStringLiteral("not_three_segments");
    QTest::newRow("bad base64 header")
        << QByteArray("%%%." + TokenFactory::segment(m_token, 1) + ".abc") << m_keys.spkiPem
        << malformed << QStringLiteral("MALFORMED") << QStringLiteral("bad_base64url_header");
    QTest::newRow("alg none") << TokenFactory::sign(
                                     QJsonObject{{QStringLiteral("alg"), QStringLiteral("none")}},
                                     otherClaims, m_keys.privateKey)
                              << m_keys.spkiPem << rejected << QStringLiteral("REJECTED")
                              << QStringLiteral("alg_none");
    QJsonObject expired = otherClaims;
    expired.insert(QStringLiteral("exp"), now - 3600);
    QTest::newRow("expired") << TokenFactory::signRs256(expired, m_keys.privateKey)
                             << m_keys.spkiPem << rejected << QStringLiteral("REJECTED")
                             << QStringLiteral("expired");
    QTest::newRow("no key") << m_token << QByteArray()
                            << static_cast<int>(VerdictBanner::State::Unverified)
                            << QStringLiteral("NOT VERIFIED") << QStringLiteral("no_key");
    QTest::newRow("no token") << QByteArray("  \n") << m_keys.spkiPem
                              << static_cast<int>(VerdictBanner::State::Idle)
                              << QStringLiteral("NO TOKEN") << QString();
}

void TestJwtValidator::verdicts()
{
    QFETCH(QByteArray, token);
    QFETCH(QByteArray, key);
    QFETCH(int, state);
    QFETCH(QString, title);
    QFETCH(QString, code);
    JwtValidatorDialog *dialog = showDialog(token, key);
    QCOMPARE(static_cast<int>(dialog->verdictState()), state);
    QCOMPARE(child<QLabel>(dialog, "verdictTitle")->text(), title);
    QCOMPARE(child<QLabel>(dialog, "verdictCode")->text(), code);
    QVERIFY(!child<QLabel>(dialog, "verdictMessage")->text().isEmpty());
    if (state != static_cast<int>(VerdictBanner::State::Valid))
        QVERIFY(!dialog->verdictText().contains(QStringLiteral("VALID")));
}

void TestJwtValidator::keyErrorsAreNotSignatureErrors_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QString>("code");
    QTest::newRow("unreadable") << QByteArray("not a key at all")
                                << QStringLiteral("key_unreadable");
    QTest::newRow("private key") << m_keys.privateKey.toPem() << QStringLiteral("key_unreadable");
    QTest::newRow("not RSA") << ecPublicKeyPem() << QStringLiteral("key_not_rsa");
    QTest::newRow("too small") << TestKeyPair::generate(1024).spkiPem
                               << QStringLiteral("key_too_small");
}

void TestJwtValidator::keyErrorsAreNotSignatureErrors()
{
    QFETCH(QByteArray, key);
    QFETCH(QString, code);
    JwtValidatorDialog *dialog = showDialog(m_token, key);
    QCOMPARE(dialog->verdictState(), VerdictBanner::State::KeyError);
    QCOMPARE(child<QLabel>(dialog, "verdictTitle")->text(), QStringLiteral("KEY ERROR"));
    QCOMPARE(child<QLabel>(dialog, "verdictCode")->text(), code);
    QVERIFY(child<QLabel>(dialog, "keyStatus")->text().contains(code));
    QVERIFY(!dialog->verdictText().contains(QStringLiteral("signature_")));
    // The token is decoded all the same.
    QVERIFY(dialog->treeModel()->indexForPath(kEventTypePath).isValid());
}

void TestJwtValidator::keyFormWixWouldRefuseWarns()
{
    JwtValidatorDialog *dialog = showDialog(m_token, m_keys.pkcs1Pem);
    QCOMPARE(dialog->verdictState(), VerdictBanner::State::Valid);
    const QString warnings = child<QLabel>(dialog, "verdictWarnings")->text();
    QVERIFY2(warnings.contains(QStringLiteral("Wix's SDK would refuse")), qPrintable(warnings));
    QVERIFY(child<QLabel>(dialog, "verdictWarnings")->isVisibleTo(dialog));

    showDialog(m_token, m_keys.spkiPem);
    QVERIFY(child<QLabel>(m_dialog.get(), "verdictWarnings")->text().isEmpty());
    QVERIFY(!child<QLabel>(m_dialog.get(), "verdictWarnings")->isVisibleTo(m_dialog.get()));
}

void TestJwtValidator::futureIatWarns()
{
    const QByteArray token = TokenFactory::signRs256(
        contactCreatedClaims(QDateTime::currentSecsSinceEpoch() + 7200), m_keys.privateKey);
    JwtValidatorDialog *dialog = showDialog(token, m_keys.spkiPem);
    QCOMPARE(dialog->verdictState(), VerdictBanner::State::Valid);
    QVERIFY(child<QLabel>(dialog, "verdictWarnings")->text().contains(QStringLiteral("iat")));
}

void TestJwtValidator::ignoreExpiryAndSkewFeedTheVerifier()
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QJsonObject claims = contactCreatedClaims(now - 600);
    claims.insert(QStringLiteral("exp"), now - 300);
    JwtValidatorDialog *dialog =
        showDialog(TokenFactory::signRs256(claims, m_keys.privateKey), m_keys.spkiPem);
    QCOMPARE(child<QLabel>(dialog, "verdictCode")->text(), QStringLiteral("expired"));

    auto *skew = child<QSpinBox>(dialog, "skewSpin");
    QCOMPARE(skew->value(), 60);
    skew->setValue(600);
    QTRY_COMPARE(dialog->verdictState(), VerdictBanner::State::Valid);
    skew->setValue(60);
    QTRY_COMPARE(dialog->verdictState(), VerdictBanner::State::Rejected);

    child<QCheckBox>(dialog, "ignoreExpiryCheck")->setChecked(true);
    QTRY_COMPARE(dialog->verdictState(), VerdictBanner::State::Valid);
    QVERIFY(child<QLabel>(dialog, "verdictWarnings")->text().contains(QStringLiteral("Expired")));
}

void TestJwtValidator::tokenTextStaysPlainText()
{
    const QString markup = QStringLiteral("<b>bold</b><img src=x>");
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("<b>HS256</b>")},
                             {QStringLiteral("kid"), markup}};
    const QByteArray token =
        TokenFactory::sign(header, claimsWithFirstName(markup, now), m_keys.privateKey, "secret");
    JwtValidatorDialog *dialog = showDialog(token, m_keys.spkiPem);

    // The verdict quotes the token's alg literally, in a plain-text label.
    auto *message = child<QLabel>(dialog, "verdictMessage");
    QCOMPARE(message->textFormat(), Qt::PlainText);
    QVERIFY2(message->text().contains(QStringLiteral("<b>HS256</b>")), qPrintable(message->text()));

    const QModelIndex first = dialog->treeModel()->indexForPath(kFirstNamePath);
    QVERIFY(first.isValid());
    QCOMPARE(first.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString(), markup);
    QCOMPARE(first.data(JsonTreeModel::RawValueRole).toString(), markup);
    const QModelIndex kid = dialog->treeModel()->indexForPath(QStringLiteral("header.kid"));
    QCOMPARE(kid.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString(), markup);

    const QString claims = child<QPlainTextEdit>(dialog, "claimsView")->toPlainText();
    QVERIFY2(claims.contains(markup), qPrintable(claims));
}

void TestJwtValidator::everyLabelIsPlainText()
{
    JwtValidatorDialog *dialog = showDialog(m_token, m_keys.pkcs1Pem);
    const QList<QLabel *> labels = dialog->findChildren<QLabel *>();
    QVERIFY(labels.size() > 5);
    for (const QLabel *label : labels)
        QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(label->text()));

    MainWindow window;
    for (const QLabel *label : window.findChildren<QLabel *>())
        QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(label->text()));
}

void TestJwtValidator::treeShowsEnvelopeExpanded()
{
    JwtValidatorDialog *dialog = showDialog(m_token, m_keys.spkiPem);
    auto *tree = child<DecodedTreeView>(dialog, "decodedTree");
    JsonTreeModel *model = dialog->treeModel();
    for (const char *path : {"header", "payload", "payload.data", "payload.data.data"})
        QVERIFY2(tree->isExpanded(model->indexForPath(QLatin1String(path))), path);

    const QModelIndex data = model->indexForPath(QStringLiteral("payload.data"));
    QVERIFY(data.data(JsonTreeModel::StringifiedRole).toBool());
    QCOMPARE(data.siblingAtColumn(JsonTreeModel::TypeColumn).data().toString(),
             QStringLiteral("object (string of JSON)"));

    // A new key or option keeps what the reader opened or closed.
    tree->collapse(model->indexForPath(QStringLiteral("payload.data.data")));
    QSignalSpy resets(model, &QAbstractItemModel::modelReset);
    child<QPlainTextEdit>(dialog, "keyEdit")->setPlainText(QString::fromUtf8(m_otherKeys.spkiPem));
    dialog->revalidateNow();
    QCOMPARE(resets.count(), 0);
    QVERIFY(!tree->isExpanded(model->indexForPath(QStringLiteral("payload.data.data"))));
}

void TestJwtValidator::claimsShowReadableDates()
{
    const qint64 iat = 1700000000;
    QJsonObject claims = contactCreatedClaims(iat);
    claims.insert(QStringLiteral("exp"), iat + 3600);
    JwtValidatorDialog *dialog =
        showDialog(TokenFactory::signRs256(claims, m_keys.privateKey), m_keys.spkiPem);
    const QString text = child<QPlainTextEdit>(dialog, "claimsView")->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("2023-11-14 22:13:20 UTC")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("2023-11-14 23:13:20 UTC")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("RS256")));
    QVERIFY(text.contains(QStringLiteral("wix.contacts.v4.contact_created")));
}

void TestJwtValidator::copyPathAndValue()
{
    JwtValidatorDialog *dialog = showDialog(m_token, m_keys.spkiPem);
    auto *tree = child<DecodedTreeView>(dialog, "decodedTree");
    const QModelIndex eventType = dialog->treeModel()->indexForPath(kEventTypePath);
    tree->setCurrentIndex(eventType);

    child<QAction>(tree, "copyPathAction")->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), kEventTypePath);
    child<QAction>(tree, "copyValueAction")->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(),
             QStringLiteral("wix.contacts.v4.contact_created"));

    const QModelIndex emails = dialog->treeModel()->indexForPath(
        QStringLiteral("payload.data.data.createdEvent.entity.info.emails.items[0].email"));
    QVERIFY(emails.isValid());
    tree->setCurrentIndex(emails.siblingAtColumn(JsonTreeModel::ValueColumn));
    child<QAction>(tree, "copyPathAction")->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(),
             QStringLiteral("payload.data.data.createdEvent.entity.info.emails.items[0].email"));

    // Ctrl+C on the tree copies the raw value, not the display text.
    const QModelIndex identity =
        dialog->treeModel()->indexForPath(QStringLiteral("payload.data.identity"));
    tree->setCurrentIndex(identity);
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_C, Qt::ControlModifier);
    const QJsonDocument copied =
        QJsonDocument::fromJson(QGuiApplication::clipboard()->text().toUtf8());
    QCOMPARE(copied.object().value(QStringLiteral("identityType")).toString(),
             QStringLiteral("ANONYMOUS_VISITOR"));
}

void TestJwtValidator::segmentsAreColoured()
{
    JwtValidatorDialog *dialog = showDialog(m_token, m_keys.spkiPem);
    const QTextDocument *document = child<QPlainTextEdit>(dialog, "tokenEdit")->document();
    const int firstDot = static_cast<int>(m_token.indexOf('.'));
    const int secondDot = static_cast<int>(m_token.indexOf('.', firstDot + 1));
    using Segment = JwtSegmentHighlighter::Segment;
    QCOMPARE(foregroundAt(document, 0), JwtSegmentHighlighter::segmentColor(Segment::Header));
    QCOMPARE(foregroundAt(document, firstDot + 1),
             JwtSegmentHighlighter::segmentColor(Segment::Payload));
    QCOMPARE(foregroundAt(document, secondDot + 1),
             JwtSegmentHighlighter::segmentColor(Segment::Signature));
    const QColor dot = foregroundAt(document, firstDot);
    QVERIFY(dot.isValid());
    QVERIFY(dot != JwtSegmentHighlighter::segmentColor(Segment::Header));
    QVERIFY(dot != JwtSegmentHighlighter::segmentColor(Segment::Payload));
}

void TestJwtValidator::loadsAndDropsFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString tokenPath = dir.filePath(QStringLiteral("webhook.jwt"));
    const QString keyPath = dir.filePath(QStringLiteral("app-key.pem"));
    QFile tokenFile(tokenPath);
    QVERIFY(tokenFile.open(QIODevice::WriteOnly));
    tokenFile.write(m_token + '\n');
    tokenFile.close();
    QFile keyFile(keyPath);
    QVERIFY(keyFile.open(QIODevice::WriteOnly));
    keyFile.write(m_keys.spkiPem);
    keyFile.close();

    m_dialog = std::make_unique<JwtValidatorDialog>();
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    QVERIFY(m_dialog->loadTokenFile(tokenPath));

    // Drop the key file onto the key editor.
    auto *keyEdit = child<QPlainTextEdit>(m_dialog.get(), "keyEdit");
    keyEdit->setPlainText(QStringLiteral("old text"));
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(keyPath)});
    const QPointF at(10, 10);
    QDragEnterEvent enter(at.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(keyEdit->viewport(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(keyEdit->viewport(), &drop);
    QCOMPARE(keyEdit->toPlainText(), QString::fromUtf8(m_keys.spkiPem));

    m_dialog->revalidateNow();
    QCOMPARE(m_dialog->verdictState(), VerdictBanner::State::Valid);
    // The key is named after its file.
    QVERIFY2(child<QLabel>(m_dialog.get(), "verdictMessage")
                 ->text()
                 .contains(QStringLiteral("app-key.pem")),
             qPrintable(m_dialog->verdictText()));

    // Dropped text replaces the token rather than landing inside it.
    QMimeData text;
    text.setText(QStringLiteral("garbage"));
    auto *tokenEdit = child<QPlainTextEdit>(m_dialog.get(), "tokenEdit");
    QDragEnterEvent enterText(at.toPoint(), Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(tokenEdit->viewport(), &enterText);
    QDropEvent dropText(at, Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(tokenEdit->viewport(), &dropText);
    QCOMPARE(tokenEdit->toPlainText(), QStringLiteral("garbage"));

    // A missing file says so and leaves the text alone.
    QString error;
    QVERIFY(!m_dialog->loadTokenFile(dir.filePath(QStringLiteral("missing.jwt")), &error));
    QVERIFY(error.contains(QStringLiteral("missing.jwt")));
    QCOMPARE(tokenEdit->toPlainText(), QStringLiteral("garbage"));
    QVERIFY(child<QLabel>(m_dialog.get(), "statusLine")
                ->text()
                .contains(QStringLiteral("missing.jwt")));
}

void TestJwtValidator::mainWindowOpensValidatorWithCtrlJ()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QCOMPARE(window.validateJwtAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+J")));
    QVERIFY(!window.validatorDialog());
    const QString welcome = child<QLabel>(&window, "welcomeCaptureText")->text();
    QVERIFY(welcome.contains(QStringLiteral("listening URL")));

    QTest::keyClick(&window, Qt::Key_J, Qt::ControlModifier);
    QTRY_VERIFY(window.validatorDialog() && window.validatorDialog()->isVisible());
    QVERIFY(!window.validatorDialog()->isModal());

    // Closed and reopened, it is the same dialog, shown again.
    JwtValidatorDialog *dialog = window.validatorDialog();
    dialog->close();
    QVERIFY(!dialog->isVisible());
    window.validateJwtAction()->trigger();
    QCOMPARE(window.validatorDialog(), dialog);
    QVERIFY(dialog->isVisible());
}

void TestJwtValidator::mainWindowPrefillsFromEnvironment()
{
    QTemporaryDir dir;
    const QString tokenPath = dir.filePath(QStringLiteral("token.jwt"));
    const QString keyPath = dir.filePath(QStringLiteral("key.pem"));
    QFile tokenFile(tokenPath);
    QVERIFY(tokenFile.open(QIODevice::WriteOnly));
    tokenFile.write(m_token);
    tokenFile.close();
    QFile keyFile(keyPath);
    QVERIFY(keyFile.open(QIODevice::WriteOnly));
    keyFile.write(m_keys.spkiPem);
    keyFile.close();

    qputenv("HOOKSCOPE_VALIDATE_TOKEN_FILE", tokenPath.toLocal8Bit());
    qputenv("HOOKSCOPE_VALIDATE_KEY_FILE", keyPath.toLocal8Bit());
    MainWindow window;
    qunsetenv("HOOKSCOPE_VALIDATE_TOKEN_FILE");
    qunsetenv("HOOKSCOPE_VALIDATE_KEY_FILE");
    window.show();
    QTRY_VERIFY(window.validatorDialog() && window.validatorDialog()->isVisible());
    QCOMPARE(window.validatorDialog()->verdictState(), VerdictBanner::State::Valid);
}

QTEST_MAIN(TestJwtValidator)
#include "tst_jwtvalidator.moc"
