#include "capturesession.h"
#include "envelopecomposer.h"
#include "jsoneditor.h"
#include "keyringstore.h"
#include "livecaptureview.h"
#include "mainwindow.h"
#include "models/deliverylistmodel.h"
#include "responsemenu.h"
#include "scenarioform.h"
#include "sendpanel.h"
#include "sendresultsmodel.h"
#include "signingkeybox.h"
#include "store/sessionlocations.h"
#include "testkeys.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace {
template <typename T> T *child(QObject *parent, const char *name)
{
    T *found = parent->findChild<T *>(QLatin1String(name));
    if (!found)
        qFatal("no child named %s", name);
    return found;
}

QString cell(const QAbstractItemModel *model, int row, int column)
{
    return model->index(row, column).data().toString();
}
} // namespace

// The Send panel against the window's own listener: a scratch session, a free
// port, the test key made in the (test-mode) data folder.
class TestSendPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void sendsToItsOwnListenerWithAValidSignature();
    void duplicatesArriveAsDuplicates();
    void retryScheduleRetriesAFailure();
    void cancelStopsALongScenario();
    void invalidJsonDisablesSend_data();
    void invalidJsonDisablesSend();
    void targetMustBeAnHttpUrl();
    void scenariosAreSavedAndLoaded();
    void ownPrivateKeySigns();
    void privateKeyIsNeverShown();

private:
    void showWindow();
    SendPanel *panel() const { return m_window->sendPanel(); }
    CaptureSession *session() const { return m_window->captureSession(); }
    DeliveryListModel *list() const { return session()->model(); }
    void trustTestKey();
    bool sendAndWait(int timeoutMs = 15000);

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void TestSendPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("HookscopeTest"));
    QVERIFY(m_dir.isValid());
}

void TestSendPanel::init()
{
    QSettings().clear();
}

void TestSendPanel::cleanup()
{
    m_window.reset();
}

void TestSendPanel::showWindow()
{
    MainWindowOptions options;
    options.sessionPath =
        m_dir.filePath(QLatin1String(QTest::currentTestFunction()) + QStringLiteral(".hookscope"));
    options.port = 0;
    m_window = std::make_unique<MainWindow>(options);
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY(!session()->isLoading());
    QVERIFY2(session()->isListening(), qPrintable(session()->listenError()));
    QVERIFY(!panel()->isVisible());
    QVERIFY(m_window->isActiveWindow() || QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_T, Qt::ControlModifier);
    QTRY_VERIFY(panel()->isVisible());
}

void TestSendPanel::trustTestKey()
{
    QString error;
    QVERIFY2(panel()->keyBox()->ensureKey(&error), qPrintable(error));
    QVERIFY2(m_window->keyringStore()->add(QStringLiteral("hookscope-test"),
                                           panel()->keyBox()->publicKey().spkiPem(), &error),
             qPrintable(error));
}

bool TestSendPanel::sendAndWait(int timeoutMs)
{
    QSignalSpy finished(panel(), &SendPanel::finished);
    if (!panel()->sendButton()->isEnabled())
        return false;
    panel()->sendButton()->click();
    return finished.count() > 0 || finished.wait(timeoutMs);
}

void TestSendPanel::sendsToItsOwnListenerWithAValidSignature()
{
    showWindow();
    // The target is this window's listener.
    QCOMPARE(panel()->target(), session()->url());
    QCOMPARE(child<QLineEdit>(panel(), "targetEdit")->text(), session()->url().toString());
    trustTestKey();
    // The key was made in the data folder, private half owner-only.
    const QString privatePath = SessionLocations::dataFolder() + QStringLiteral("/test-key.pem");
    QVERIFY(QFile::exists(privatePath));
    QCOMPARE(QFile::permissions(privatePath) & (QFile::ReadGroup | QFile::ReadOther),
             QFileDevice::Permissions());

    QVERIFY(panel()->composer()->selectTemplate(QStringLiteral("contact_created")));
    panel()->scenarioForm()->setKind(ScenarioForm::Kind::Once);
    QVERIFY(panel()->sendButton()->isEnabled());
    QVERIFY(!panel()->cancelButton()->isEnabled());
    QVERIFY(sendAndWait());

    QTRY_COMPARE(list()->rowCount(), 1);
    QCOMPARE(cell(list(), 0, DeliveryListModel::SignatureColumn),
             QStringLiteral("valid (hookscope-test)"));
    QCOMPARE(cell(list(), 0, DeliveryListModel::EventTypeColumn),
             QStringLiteral("wix.contacts.v4.contact_created"));
    QCOMPARE(cell(list(), 0, DeliveryListModel::RequestColumn).left(5), QStringLiteral("POST "));

    SendResultsModel *results = panel()->resultsModel();
    QCOMPARE(results->rowCount(), 1);
    QCOMPARE(cell(results, 0, SendResultsModel::EventColumn),
             QStringLiteral("#1 wix.contacts.v4.contact_created"));
    QCOMPARE(cell(results, 0, SendResultsModel::AttemptColumn), QStringLiteral("first"));
    QCOMPARE(cell(results, 0, SendResultsModel::StatusColumn), QStringLiteral("200"));
    QVERIFY(cell(results, 0, SendResultsModel::LatencyColumn).endsWith(QStringLiteral(" ms")));
    QVERIFY(!cell(results, 0, SendResultsModel::TimeColumn).isEmpty());
    QCOMPARE(cell(results, 0, SendResultsModel::OutcomeColumn), QStringLiteral("delivered"));
    QCOMPARE(results->headerData(SendResultsModel::OutcomeColumn, Qt::Horizontal).toString(),
             QStringLiteral("Outcome"));

    QVERIFY2(panel()->summaryText().startsWith(
                 QStringLiteral("Delivered 1 of 1, failed 0, retries used 0; latency p50 ")),
             qPrintable(panel()->summaryText()));
    QVERIFY(panel()->summaryText().contains(QStringLiteral("p99")));
    QVERIFY(panel()->lastSummary().has_value());
    QCOMPARE(panel()->lastSummary()->delivered, 1);
    QCOMPARE(panel()->progressBar()->value(), panel()->progressBar()->maximum());
    QVERIFY(panel()->sendButton()->isEnabled());
    QVERIFY(!panel()->isRunning());
}

void TestSendPanel::duplicatesArriveAsDuplicates()
{
    showWindow();
    trustTestKey();
    ScenarioForm *form = panel()->scenarioForm();
    form->setKind(ScenarioForm::Kind::Duplicates);
    form->duplicatesSpin()->setValue(3);
    form->duplicateTokenCombo()->setCurrentIndex(1); // re-signed
    QVERIFY(sendAndWait());
    QTRY_COMPARE(list()->rowCount(), 3);
    for (int row = 0; row < 3; ++row)
        QVERIFY(cell(list(), row, DeliveryListModel::SignatureColumn).startsWith("valid"));
    QVERIFY(!cell(list(), 0, DeliveryListModel::FlagsColumn).contains(QStringLiteral("duplicate")));
    for (int row = 1; row < 3; ++row) {
        const QString flags = cell(list(), row, DeliveryListModel::FlagsColumn);
        QVERIFY2(flags.startsWith(QStringLiteral("duplicate")), qPrintable(flags));
        QVERIFY2(!flags.contains(QStringLiteral("same token")), qPrintable(flags));
    }
    SendResultsModel *results = panel()->resultsModel();
    QCOMPARE(results->rowCount(), 3);
    QStringList attempts;
    for (int row = 0; row < 3; ++row)
        attempts << cell(results, row, SendResultsModel::AttemptColumn);
    attempts.sort();
    QCOMPARE(attempts, (QStringList{QStringLiteral("copy 2, first"),
                                    QStringLiteral("copy 3, first"), QStringLiteral("first")}));
    QVERIFY2(panel()->summaryText().startsWith(QStringLiteral("Delivered 3 of 3, failed 0")),
             qPrintable(panel()->summaryText()));
}

void TestSendPanel::retryScheduleRetriesAFailure()
{
    showWindow();
    trustTestKey();
    m_window->responseMenu()->failNext(1);
    ScenarioForm *form = panel()->scenarioForm();
    form->setKind(ScenarioForm::Kind::Once);
    form->retryCheck()->setChecked(true);
    QVERIFY(form->timeScaleSpin()->isEnabled());
    form->timeScaleSpin()->setValue(1000); // Wix's first wait, 1 min, in 60 ms
    QVERIFY(sendAndWait());

    SendResultsModel *results = panel()->resultsModel();
    QCOMPARE(results->rowCount(), 2);
    QCOMPARE(cell(results, 0, SendResultsModel::StatusColumn), QStringLiteral("500"));
    QCOMPARE(cell(results, 0, SendResultsModel::OutcomeColumn), QStringLiteral("failed: HTTP 500"));
    QCOMPARE(cell(results, 1, SendResultsModel::AttemptColumn), QStringLiteral("retry 1"));
    QCOMPARE(cell(results, 1, SendResultsModel::OutcomeColumn), QStringLiteral("delivered"));
    QVERIFY2(panel()->summaryText().startsWith(
                 QStringLiteral("Delivered 1 of 1, failed 0, retries used 1")),
             qPrintable(panel()->summaryText()));

    // The window sees the retry for what it is.
    QTRY_COMPARE(list()->rowCount(), 2);
    const QString flags = cell(list(), 1, DeliveryListModel::FlagsColumn);
    QVERIFY2(flags.startsWith(QStringLiteral("duplicate, retry, same token")), qPrintable(flags));
}

void TestSendPanel::cancelStopsALongScenario()
{
    showWindow();
    ScenarioForm *form = panel()->scenarioForm();
    form->setKind(ScenarioForm::Kind::Burst);
    form->burstSpin()->setValue(40);
    form->rateSpin()->setValue(10);
    QSignalSpy finished(panel(), &SendPanel::finished);
    panel()->sendButton()->click();
    QVERIFY(panel()->isRunning());
    QVERIFY(!panel()->sendButton()->isEnabled());
    QVERIFY(panel()->cancelButton()->isEnabled());
    QCOMPARE(panel()->progressBar()->maximum(), 40);
    QTRY_VERIFY(panel()->resultsModel()->rowCount() >= 2);
    QTRY_VERIFY(panel()->progressBar()->value() >= 2);
    panel()->cancelButton()->click();
    QTRY_COMPARE(finished.count(), 1);
    QVERIFY(panel()->lastSummary()->cancelled);
    QVERIFY(panel()->resultsModel()->rowCount() < 40);
    QVERIFY2(panel()->summaryText().endsWith(QStringLiteral("cancelled")),
             qPrintable(panel()->summaryText()));
    QVERIFY(panel()->sendButton()->isEnabled());
    QVERIFY(!panel()->cancelButton()->isEnabled());
}

void TestSendPanel::invalidJsonDisablesSend_data()
{
    QTest::addColumn<QString>("editor");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("trailing comma in data")
        << QStringLiteral("dataEditor") << QStringLiteral("{\"id\": \"x\",\n}")
        << QStringLiteral("offset");
    QTest::newRow("unclosed identity")
        << QStringLiteral("identityEditor") << QStringLiteral("{\"identityType\": ")
        << QStringLiteral("line 1");
    QTest::newRow("envelope not an object")
        << QStringLiteral("envelopeEditor") << QStringLiteral("[1, 2]")
        << QStringLiteral("Not a JSON object");
    QTest::newRow("envelope without eventType")
        << QStringLiteral("envelopeEditor") << QStringLiteral("{\"instanceId\": \"i\"}")
        << QStringLiteral("eventType");
    QTest::newRow("empty data") << QStringLiteral("dataEditor") << QString()
                                << QStringLiteral("Empty");
}

void TestSendPanel::invalidJsonDisablesSend()
{
    QFETCH(QString, editor);
    QFETCH(QString, text);
    QFETCH(QString, mentions);

    showWindow();
    QVERIFY(panel()->sendButton()->isEnabled());
    auto *json = child<JsonEditor>(panel(), qPrintable(editor));
    const QString before = json->text();
    json->setText(text);
    QVERIFY(!json->isValid());
    QVERIFY(!panel()->canSend());
    QVERIFY(!panel()->sendButton()->isEnabled());
    QVERIFY2(json->errorText().contains(mentions), qPrintable(json->errorText()));
    auto *label = child<QLabel>(json, "jsonError");
    QTRY_VERIFY(label->isVisibleTo(json));
    QCOMPARE(label->textFormat(), Qt::PlainText);
    QCOMPARE(label->text(), json->errorText());
    QVERIFY(json->property("jsonError").toBool());
    auto *problem = child<QLabel>(panel(), "sendProblem");
    QTRY_VERIFY(problem->isVisible());
    QVERIFY(problem->text().contains(json->errorText()));
    // Clicking does nothing.
    panel()->send();
    QVERIFY(!panel()->isRunning());

    json->setText(before);
    QVERIFY(json->isValid());
    QVERIFY(panel()->sendButton()->isEnabled());
    QTRY_VERIFY(!label->isVisibleTo(json));
    QVERIFY(!problem->isVisible());
}

void TestSendPanel::targetMustBeAnHttpUrl()
{
    showWindow();
    auto *target = child<QLineEdit>(panel(), "targetEdit");
    auto *error = child<QLabel>(panel(), "targetError");
    for (const QString &bad : {QStringLiteral("not a url"), QStringLiteral("ftp://example.com/"),
                               QStringLiteral("http://"), QString()}) {
        target->setText(bad);
        QVERIFY2(!panel()->sendButton()->isEnabled(), qPrintable(bad));
        QTRY_VERIFY(error->isVisible());
    }
    target->setText(QStringLiteral("https://example.com/webhooks"));
    QVERIFY(panel()->sendButton()->isEnabled());
    QVERIFY(!error->isVisible());

    // Edited, the target no longer follows the listener.
    panel()->setDefaultTarget(QUrl(QStringLiteral("http://127.0.0.1:1/")));
    QCOMPARE(target->text(), QStringLiteral("https://example.com/webhooks"));
    target->setText(QStringLiteral("http://127.0.0.1:1/"));
    panel()->setDefaultTarget(QUrl(QStringLiteral("http://127.0.0.1:2/")));
    QCOMPARE(target->text(), QStringLiteral("http://127.0.0.1:2/"));
}

void TestSendPanel::scenariosAreSavedAndLoaded()
{
    showWindow();
    QVERIFY(panel()->composer()->selectTemplate(QStringLiteral("member_created")));
    JsonEditor *data = panel()->composer()->dataEditor();
    QJsonObject edited = data->object();
    edited.insert(QStringLiteral("marker"), QStringLiteral("saved <b>as text</b>"));
    data->setObject(edited);
    ScenarioForm *form = panel()->scenarioForm();
    form->setKind(ScenarioForm::Kind::Lifecycle);
    form->lifecycleUpdatesSpin()->setValue(4);
    form->lifecycleShuffleCheck()->setChecked(true);
    form->retryCheck()->setChecked(true);
    form->timeScaleSpin()->setValue(3600);
    form->concurrencySpin()->setValue(3);
    panel()->setTarget(QStringLiteral("http://127.0.0.1:9/hook"));

    const QString path = m_dir.filePath(QStringLiteral("scenario.json"));
    QString error;
    QVERIFY2(panel()->saveScenario(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray saved = file.readAll();
    QVERIFY(saved.contains("\"hookscopeScenario\": 1"));
    QVERIFY(saved.contains("\"kind\": \"lifecycle\""));
    QVERIFY(saved.contains("saved <b>as text</b>"));
    QVERIFY(!saved.contains("PRIVATE"));

    // Everything changed, then loaded back.
    QVERIFY(panel()->composer()->selectTemplate(QStringLiteral("app_installed")));
    form->setKind(ScenarioForm::Kind::Once);
    form->retryCheck()->setChecked(false);
    form->concurrencySpin()->setValue(1);
    panel()->setTarget(QStringLiteral("http://127.0.0.1:10/"));
    QVERIFY2(panel()->loadScenario(path, &error), qPrintable(error));
    QCOMPARE(form->kind(), ScenarioForm::Kind::Lifecycle);
    QCOMPARE(form->lifecycleUpdatesSpin()->value(), 4);
    QVERIFY(form->lifecycleShuffleCheck()->isChecked());
    QVERIFY(form->retryCheck()->isChecked());
    QCOMPARE(form->timeScaleSpin()->value(), 3600.0);
    QCOMPARE(form->concurrencySpin()->value(), 3);
    QCOMPARE(panel()->target(), QUrl(QStringLiteral("http://127.0.0.1:9/hook")));
    QCOMPARE(panel()->composer()->templateName(), QStringLiteral("member_created"));
    QCOMPARE(panel()->composer()->dataEditor()->object().value(QStringLiteral("marker")).toString(),
             QStringLiteral("saved <b>as text</b>"));
    QVERIFY(
        panel()->composer()->identityEditor()->object().contains(QStringLiteral("identityType")));

    // Not a scenario: refused, nothing changes.
    QFile junk(m_dir.filePath(QStringLiteral("junk.json")));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("{\"envelope\": 1}");
    junk.close();
    QVERIFY(!panel()->loadScenario(junk.fileName(), &error));
    QVERIFY2(error.contains(QStringLiteral("not a Hookscope scenario")), qPrintable(error));
    QCOMPARE(form->kind(), ScenarioForm::Kind::Lifecycle);
}

void TestSendPanel::ownPrivateKeySigns()
{
    showWindow();
    const TestKeyPair mine = TestKeyPair::generate();
    const QString path = m_dir.filePath(QStringLiteral("mine.pem"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(mine.privateKey.toPem());
    file.close();

    SigningKeyBox *box = panel()->keyBox();
    QString error;
    QVERIFY(!box->useKeyFile(m_dir.filePath(QStringLiteral("absent.pem")), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY2(box->useKeyFile(path, &error), qPrintable(error));
    QVERIFY(box->usingOwnKey());
    QCOMPARE(box->publicKey().spkiPem(), mine.spkiPem);
    QVERIFY(box->description().startsWith(QStringLiteral("Your key")));
    QVERIFY(m_window->keyringStore()->add(QStringLiteral("mine"), mine.spkiPem));
    QVERIFY(sendAndWait());
    QTRY_COMPARE(list()->rowCount(), 1);
    QCOMPARE(cell(list(), 0, DeliveryListModel::SignatureColumn), QStringLiteral("valid (mine)"));

    child<QPushButton>(box, "useTestKeyButton")->click();
    QVERIFY(!box->usingOwnKey());
    QVERIFY(box->publicKey().spkiPem() != mine.spkiPem);
}

void TestSendPanel::privateKeyIsNeverShown()
{
    showWindow();
    SigningKeyBox *box = panel()->keyBox();
    QVERIFY(box->ensureKey());
    const PublicKey key = box->publicKey();

    child<QPushButton>(box, "copyPublicPemButton")->click();
    QCOMPARE(QGuiApplication::clipboard()->text().toLatin1(), key.spkiPem());
    QVERIFY(QGuiApplication::clipboard()->text().startsWith(
        QStringLiteral("-----BEGIN PUBLIC KEY-----")));
    child<QPushButton>(box, "copyPublicOneLineButton")->click();
    QCOMPARE(QGuiApplication::clipboard()->text().toLatin1(), key.oneLineBase64Pem());
    QVERIFY(!QGuiApplication::clipboard()->text().contains(QLatin1Char('\n')));
    QVERIFY(box->description().contains(key.sha256Fingerprint()));

    const QByteArray privatePem = box->key().toPem();
    const QString body = QString::fromLatin1(privatePem.split('\n').value(1)); // a line of it
    QVERIFY(!body.isEmpty());
    QVERIFY(sendAndWait());
    for (const QLabel *label : panel()->findChildren<QLabel *>()) {
        QVERIFY2(!label->text().contains(QStringLiteral("PRIVATE")), qPrintable(label->text()));
        QVERIFY(!label->text().contains(body));
        QCOMPARE(label->textFormat(), Qt::PlainText);
    }
    for (const QPlainTextEdit *edit : panel()->findChildren<QPlainTextEdit *>())
        QVERIFY(!edit->toPlainText().contains(QStringLiteral("PRIVATE")));
    for (const QLineEdit *edit : panel()->findChildren<QLineEdit *>())
        QVERIFY(!edit->text().contains(QStringLiteral("PRIVATE")));
}

QTEST_MAIN(TestSendPanel)
#include "tst_sendpanel.moc"
