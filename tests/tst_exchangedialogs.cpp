#include "analysismodels.h"
#include "capture/captureservice.h"
#include "capturesession.h"
#include "curlclipboard.h"
#include "decodedtab.h"
#include "decodedtreeview.h"
#include "deliverydetailview.h"
#include "deliveryfilterproxymodel.h"
#include "deliveryscopebox.h"
#include "deliverytableview.h"
#include "exchangeactions.h"
#include "exportdialog.h"
#include "extracolumnsproxymodel.h"
#include "importdialog.h"
#include "livecaptureview.h"
#include "mainwindow.h"
#include "models/deliverylistmodel.h"
#include "models/expertinfomodel.h"
#include "models/jsontreemodel.h"
#include "replaydialog.h"
#include "replayresultsmodel.h"
#include "responsemenu.h"
#include "responseruledialog.h"
#include "responserulesdialog.h"
#include "sessionimporter.h"
#include "store/sessionstore.h"
#include "store/sessionwriter.h"
#include "wix/tokeninspection.h"

#include "testkeys.h"
#include "tokenfactory.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace TokenFactory;

namespace {
constexpr char kWebhookPath[] = "/webhooks/wix";

QJsonObject contactUpdate(const QString &eventId, int sequence)
{
    QJsonObject envelope = loadExample(QStringLiteral("contact_updated.json"));
    QJsonObject data = envelope.value(QStringLiteral("data")).toObject();
    data.insert(QStringLiteral("id"), eventId);
    data.insert(QStringLiteral("entityEventSequence"), QString::number(sequence));
    envelope.insert(QStringLiteral("data"), data);
    return envelope;
}

Delivery request(const QByteArray &body, qint64 arrivalMs, const QByteArray &contentType)
{
    Delivery d;
    d.arrivalMs = arrivalMs;
    d.method = QStringLiteral("POST");
    d.path = QLatin1String(kWebhookPath);
    d.headers = {{"Host", "127.0.0.1:8787"}, {"Content-Type", contentType}};
    d.body = body;
    d.size = body.size();
    d.peer = QStringLiteral("127.0.0.1");
    return d;
}

QVector<Delivery> stored(const QString &session)
{
    SessionStore store;
    if (!store.open(session))
        return {};
    return store.loadAfter(0, 100000);
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}
} // namespace

// The exchange dialogs on their own, against real session files and real servers
// on loopback: export, import, replay, copy as curl, per-path answers and the
// list's added columns.
class TestExchangeDialogs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void exportWritesFixturesAndHar();
    void exportAsksBeforeReplacing();
    void exportTakesTheSelectionOrTheFilter();
    void cancelStopsAnExport();
    void importRefusesACorruptFileAndImportsNothing();
    void importOfTheGoodEntriesWhenAsked();
    void replayFillsTheResultsTable();
    void replayIsReproducibleFromItsSeed();
    void copyAsCurl();
    void perPathRuleAnswersItsPath();
    void addedColumnShowsThePathsValue();
    void decodedTabOffersAddAsColumn();

    // In the window.
    void windowImportReachesEveryModelAndCaptureGoesOn();
    void listContextMenuExportsReplaysAndCopies();
    void addAsListColumnFromTheWindow();
    void responseMenuOpensPerPathAnswers();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QString makeSession(const QString &name, int count);
    QString copyOfSource(const QString &name) const;
    std::unique_ptr<MainWindow> showWindow(const QString &sessionPath);
    int post(const QUrl &url, const QByteArray &body);

    QTemporaryDir m_dir;
    TestKeyPair m_keys;
    Keyring m_keyring;
    QString m_session; // four deliveries: three contact updates (one repeated) and a JSON body
    QNetworkAccessManager m_network;
};

void TestExchangeDialogs::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("HookscopeTest"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    m_network.setProxy(QNetworkProxy::NoProxy);
    m_keys = TestKeyPair::generate();
    QVERIFY(m_keyring.addFromText(QStringLiteral("app"), m_keys.spkiPem).ok());
    m_session = makeSession(QStringLiteral("source"), 0);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QByteArray first =
        signRs256(wixClaims(contactUpdate(QStringLiteral("e1"), 1), now), m_keys.privateKey);
    QVector<Delivery> batch = {
        request(first, 1700000000000, "text/plain"),
        request(
            signRs256(wixClaims(contactUpdate(QStringLiteral("e3"), 3), now), m_keys.privateKey),
            1700000001000, "text/plain"),
        request(first, 1700000002000, "text/plain"),
        request("{\"hello\":\"world\",\"n\":7}", 1700000003000, "application/json"),
    };
    SessionWriter writer;
    QString error;
    QVERIFY2(writer.open(m_session, &error) && writer.write(batch, JwtVerifier(m_keyring), &error),
             qPrintable(error));
}

// A session holding `count` copies of one signed delivery.
QString TestExchangeDialogs::makeSession(const QString &name, int count)
{
    const QString session = path(name + QStringLiteral(".hookscope"));
    if (count == 0)
        return session;
    const QByteArray token = signRs256(
        wixClaims(contactUpdate(QStringLiteral("bulk"), 1), QDateTime::currentSecsSinceEpoch()),
        m_keys.privateKey);
    QVector<Delivery> batch;
    for (int i = 0; i < count; ++i)
        batch.append(request(token, 1700000000000 + i, "text/plain"));
    SessionWriter writer;
    QString error;
    if (!writer.open(session, &error) || !writer.write(batch, JwtVerifier(m_keyring), &error))
        qFatal("cannot write %s: %s", qPrintable(session), qPrintable(error));
    return session;
}

void TestExchangeDialogs::exportWritesFixturesAndHar()
{
    ExportDialog dialog;
    dialog.setSessionPath(m_session);
    QCOMPARE(dialog.scopeBox()->scope(), DeliveryScopeBox::Scope::Session);

    dialog.setFormat(ExportFormat::Fixtures);
    dialog.setPath(path(QStringLiteral("fixtures")));
    dialog.jestBox()->setChecked(true);
    QSignalSpy finished(&dialog, &ExportDialog::exportFinished);
    QVERIFY(dialog.startExport());
    QVERIFY(dialog.isRunning());
    QVERIFY(!dialog.exportButton()->isEnabled());
    QVERIFY(finished.wait(20000));
    QVERIFY2(finished.first().first().toBool(), qPrintable(dialog.statusText()));
    QVERIFY(dialog.statusText().startsWith(QStringLiteral("Exported 4 deliveries")));
    QFile manifestFile(path(QStringLiteral("fixtures/manifest.json")));
    QVERIFY(manifestFile.open(QIODevice::ReadOnly));
    const QJsonArray fixtures = QJsonDocument::fromJson(manifestFile.readAll())
                                    .object()
                                    .value(QStringLiteral("fixtures"))
                                    .toArray();
    QCOMPARE(fixtures.size(), 4);
    const QString firstJwt = fixtures.first().toObject().value(QStringLiteral("jwt")).toString();
    QFile jwt(path(QStringLiteral("fixtures/") + firstJwt));
    QVERIFY(jwt.open(QIODevice::ReadOnly));
    QCOMPARE(jwt.readAll(), stored(m_session).first().body);
    QVERIFY(QFile::exists(path(QStringLiteral("fixtures/webhooks.test.js"))));
    QVERIFY(!QFile::exists(path(QStringLiteral("fixtures/public-key.pem"))));

    dialog.setFormat(ExportFormat::Har);
    QVERIFY(!dialog.jestBox()->isEnabled());
    dialog.setPath(path(QStringLiteral("session.har")));
    QVERIFY(dialog.startExport());
    QVERIFY(finished.wait(20000));
    QVERIFY2(finished.last().first().toBool(), qPrintable(dialog.statusText()));
    QFile har(path(QStringLiteral("session.har")));
    QVERIFY(har.open(QIODevice::ReadOnly));
    const QJsonObject log =
        QJsonDocument::fromJson(har.readAll()).object().value(QStringLiteral("log")).toObject();
    QCOMPARE(log.value(QStringLiteral("version")).toString(), QStringLiteral("1.2"));
    const QJsonArray entries = log.value(QStringLiteral("entries")).toArray();
    QCOMPARE(entries.size(), 4);
    QCOMPARE(entries.at(3)
                 .toObject()
                 .value(QStringLiteral("request"))
                 .toObject()
                 .value(QStringLiteral("postData"))
                 .toObject()
                 .value(QStringLiteral("text"))
                 .toString(),
             QStringLiteral("{\"hello\":\"world\",\"n\":7}"));
}

void TestExchangeDialogs::exportAsksBeforeReplacing()
{
    const QString target = path(QStringLiteral("existing.jsonl"));
    QVERIFY(writeFile(target, "keep me\n"));
    ExportDialog dialog;
    dialog.setSessionPath(m_session);
    dialog.setFormat(ExportFormat::JsonLines);
    dialog.setPath(target);
    QStringList asked;
    bool answer = false;
    dialog.setConfirmOverwrite([&](const QString &p) {
        asked << p;
        return answer;
    });
    QSignalSpy finished(&dialog, &ExportDialog::exportFinished);

    // Declined: nothing starts and the file stays as it was.
    QVERIFY(!dialog.startExport());
    QCOMPARE(asked, QStringList{target});
    QVERIFY(!dialog.isRunning());
    QVERIFY(dialog.statusText().contains(QStringLiteral("left as it is")));
    QFile kept(target);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), QByteArray("keep me\n"));
    kept.close();

    // A non-empty fixtures folder is asked about too.
    dialog.setFormat(ExportFormat::Fixtures);
    dialog.setPath(path(QStringLiteral("fixtures-existing")));
    QVERIFY(QDir().mkpath(path(QStringLiteral("fixtures-existing"))));
    QVERIFY(writeFile(path(QStringLiteral("fixtures-existing/mine.txt")), "mine"));
    QVERIFY(!dialog.startExport());
    QCOMPARE(asked.size(), 2);
    QVERIFY(QFile::exists(path(QStringLiteral("fixtures-existing/mine.txt"))));
    QVERIFY(!QFile::exists(path(QStringLiteral("fixtures-existing/manifest.json"))));

    // Accepted: replaced.
    answer = true;
    dialog.setFormat(ExportFormat::JsonLines);
    dialog.setPath(target);
    QVERIFY(dialog.startExport());
    QCOMPARE(asked.size(), 3);
    QVERIFY(finished.wait(20000));
    QVERIFY2(finished.first().first().toBool(), qPrintable(dialog.statusText()));
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll().count('\n'), 4);

    // A new path is not asked about.
    dialog.setPath(path(QStringLiteral("fresh.jsonl")));
    QVERIFY(dialog.startExport());
    QCOMPARE(asked.size(), 3);
    QVERIFY(finished.wait(20000));
}

void TestExchangeDialogs::exportTakesTheSelectionOrTheFilter()
{
    ExportDialog dialog;
    dialog.setSessionPath(m_session);
    dialog.setFormat(ExportFormat::JsonLines);
    DeliveryScopeBox *scope = dialog.scopeBox();
    QVERIFY(!scope->findChild<QRadioButton *>(QStringLiteral("scopeSelection"))->isEnabled());
    scope->setSelection({2, 4});
    scope->setScope(DeliveryScopeBox::Scope::Selection);
    QCOMPARE(scope->scope(), DeliveryScopeBox::Scope::Selection);
    dialog.setPath(path(QStringLiteral("selection.jsonl")));
    QSignalSpy finished(&dialog, &ExportDialog::exportFinished);
    QVERIFY(dialog.startExport());
    QVERIFY(finished.wait(20000));
    QFile selection(path(QStringLiteral("selection.jsonl")));
    QVERIFY(selection.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = selection.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QCOMPARE(QJsonDocument::fromJson(lines.at(1)).object().value(QStringLiteral("seq")).toInt(), 4);

    // A filter with errors is not offered; a good one is.
    scope->setFilterText(QStringLiteral("nosuchfield:x"));
    QVERIFY(!scope->findChild<QRadioButton *>(QStringLiteral("scopeFilter"))->isEnabled());
    scope->setFilterText(QStringLiteral("kind:json"));
    scope->setScope(DeliveryScopeBox::Scope::Filter);
    QCOMPARE(scope->scope(), DeliveryScopeBox::Scope::Filter);
    dialog.setPath(path(QStringLiteral("filter.jsonl")));
    QVERIFY(dialog.startExport());
    QVERIFY(finished.wait(20000));
    QCOMPARE(dialog.lastResult().written, 1);
}

void TestExchangeDialogs::cancelStopsAnExport()
{
    const QString session = makeSession(QStringLiteral("large"), 3000);
    ExportDialog dialog;
    dialog.setSessionPath(session);
    dialog.setFormat(ExportFormat::Fixtures);
    const QString target = path(QStringLiteral("cancelled-fixtures"));
    dialog.setPath(target);
    QSignalSpy finished(&dialog, &ExportDialog::exportFinished);
    // Cancel as soon as the first deliveries are written, as a user would.
    bool clicked = false;
    connect(&dialog, &ExportDialog::progressed, &dialog, [&](int done, int total) {
        QVERIFY(done < total);
        if (!clicked)
            QTest::mouseClick(dialog.cancelButton(), Qt::LeftButton);
        clicked = true;
    });
    QVERIFY(dialog.startExport());
    QVERIFY(dialog.cancelButton()->isEnabled());
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY(dialog.lastResult().cancelled);
    QVERIFY(dialog.lastResult().written < 3000);
    QVERIFY(dialog.statusText().startsWith(QStringLiteral("Cancelled")));
    // Nothing partial is left behind.
    QVERIFY(!QFileInfo::exists(target));
    QVERIFY(dialog.exportButton()->isEnabled());
}

void TestExchangeDialogs::importRefusesACorruptFileAndImportsNothing()
{
    const QByteArray line =
        QJsonDocument(stored(m_session).first().toJson()).toJson(QJsonDocument::Compact);
    QVERIFY(writeFile(path(QStringLiteral("bad.jsonl")), line + "\n{oops\n" + line + "\n"));
    QVERIFY(writeFile(path(QStringLiteral("good.jsonl")), line + "\n"));
    const QString target = makeSession(QStringLiteral("import-target"), 2);

    ImportDialog dialog;
    QSignalSpy requested(&dialog, &ImportDialog::importRequested);
    QSignalSpy read(&dialog, &ImportDialog::readFinished);
    dialog.addPaths({path(QStringLiteral("good.jsonl")), path(QStringLiteral("bad.jsonl"))});
    QVERIFY(read.wait(10000));
    QCOMPARE(dialog.deliveries().size(), 3);
    QCOMPARE(dialog.errorList()->count(), 1);
    const QString error = dialog.errorList()->item(0)->text();
    QVERIFY2(error.contains(QStringLiteral("bad.jsonl: line 2: ")), qPrintable(error));
    QVERIFY(dialog.statusText().contains(QStringLiteral("Nothing is imported")));
    QVERIFY(!dialog.importButton()->isEnabled());
    QVERIFY(dialog.importGoodBox()->isEnabled());
    QTest::mouseClick(dialog.importButton(), Qt::LeftButton);
    QVERIFY(!dialog.startImport());
    QCOMPARE(requested.size(), 0);
    QCOMPARE(stored(target).size(), 2);

    // A file that is not JSON at all is named too.
    QVERIFY(writeFile(path(QStringLiteral("broken.har")), R"({"log": [)"));
    dialog.addPaths({path(QStringLiteral("broken.har"))});
    QVERIFY(read.wait(10000));
    QCOMPARE(dialog.errorList()->count(), 2);
    QVERIFY(dialog.errorList()->item(1)->text().contains(QStringLiteral("broken.har: file: ")));
    QVERIFY(!dialog.importButton()->isEnabled());
}

void TestExchangeDialogs::importOfTheGoodEntriesWhenAsked()
{
    const QVector<Delivery> source = stored(m_session);
    QByteArray lines;
    for (const Delivery &d : source)
        lines += QJsonDocument(d.toJson()).toJson(QJsonDocument::Compact) + '\n';
    lines += "not json\n";
    QVERIFY(writeFile(path(QStringLiteral("partly.jsonl")), lines));
    const QString target = makeSession(QStringLiteral("partial-target"), 1);

    ImportDialog dialog;
    SessionImporter importer;
    connect(&dialog, &ImportDialog::importRequested, &importer,
            [&](const QVector<Delivery> &deliveries) {
                QVERIFY(importer.start(target, deliveries, JwtVerifier(m_keyring)));
            });
    connect(&importer, &SessionImporter::finished, &dialog,
            [&](const QVector<Delivery> &written, const QString &error) {
                dialog.showImportResult(int(written.size()), error);
            });
    QSignalSpy read(&dialog, &ImportDialog::readFinished);
    QSignalSpy imported(&dialog, &ImportDialog::importFinished);
    dialog.addPaths({path(QStringLiteral("partly.jsonl"))});
    QVERIFY(read.wait(10000));
    QCOMPARE(dialog.errors().size(), 1);
    QCOMPARE(dialog.errors().first().entry, QStringLiteral("line 5"));
    dialog.importGoodBox()->setChecked(true);
    QVERIFY(dialog.importButton()->isEnabled());
    QTest::mouseClick(dialog.importButton(), Qt::LeftButton);
    QVERIFY(imported.wait(20000));
    QVERIFY2(imported.first().first().toBool(), qPrintable(dialog.statusText()));
    QVERIFY(dialog.statusText().startsWith(QStringLiteral("Imported 4 deliveries")));
    const QVector<Delivery> after = stored(target);
    QCOMPARE(after.size(), 5);
    // Analysed as if they had just arrived, after what the session held.
    QCOMPARE(after.at(1).seq, 2);
    QCOMPARE(after.at(1).signature, SignatureStatus::Valid);
    QVERIFY(after.at(3).analysis.has(FlagDuplicate));
    QCOMPARE(after.at(4).bodyKind, BodyKind::Json);
    QCOMPARE(dialog.paths().size(), 0); // done with: not imported twice
}

void TestExchangeDialogs::replayFillsTheResultsTable()
{
    CaptureService receiver;
    CaptureOptions options;
    options.port = 0;
    QString error;
    const QString received = path(QStringLiteral("replayed.hookscope"));
    QVERIFY2(receiver.start(options, received, JwtVerifier(m_keyring), &error), qPrintable(error));

    ReplayDialog dialog;
    dialog.setSessionPath(m_session);
    dialog.setDefaultTarget(receiver.url());
    QCOMPARE(dialog.targetEdit()->text(), receiver.url().toString());
    dialog.setSeed(42);
    dialog.duplicateRateBox()->setValue(100); // every delivery twice
    QSignalSpy finished(&dialog, &ReplayDialog::replayFinished);
    QTest::mouseClick(dialog.replayButton(), Qt::LeftButton);
    QVERIFY(dialog.isRunning());
    QVERIFY(finished.wait(30000));
    QAbstractItemModelTester tester(dialog.resultsModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    const ReplayResultsModel *results = dialog.resultsModel();
    QCOMPARE(results->rowCount(), 8);
    QCOMPARE(dialog.deliveredSends(), 8);
    QCOMPARE(dialog.failedSends(), 0);
    int copies = 0;
    for (int row = 0; row < results->rowCount(); ++row) {
        QCOMPARE(results->index(row, ReplayResultsModel::StatusColumn).data().toString(),
                 QStringLiteral("200"));
        QCOMPARE(results->index(row, ReplayResultsModel::OutcomeColumn).data().toString(),
                 QStringLiteral("delivered"));
        QVERIFY(results->index(row, ReplayResultsModel::DeliveryColumn)
                    .data()
                    .toString()
                    .startsWith(QLatin1Char('#')));
        copies += results->attemptAt(row).copy == 2 ? 1 : 0;
    }
    QCOMPARE(copies, 4);
    QVERIFY2(dialog.summaryText().startsWith(QStringLiteral(
                 "8 sends (4 recorded, 4 injected duplicates): 8 delivered, 0 failed")),
             qPrintable(dialog.summaryText()));
    QVERIFY(dialog.summaryText().contains(QStringLiteral("Seed 42")));
    QCOMPARE(dialog.progressBar()->value(), 8);
    receiver.stop();

    // The receiver got the recorded bodies, byte for byte.
    const QVector<Delivery> original = stored(m_session);
    const QVector<Delivery> replayed = stored(received);
    QCOMPARE(replayed.size(), 8);
    QCOMPARE(replayed.first().body, original.first().body);
}

void TestExchangeDialogs::replayIsReproducibleFromItsSeed()
{
    CaptureService receiver;
    CaptureOptions options;
    options.port = 0;
    QString error;
    QVERIFY2(receiver.start(options, path(QStringLiteral("reproduced.hookscope")),
                            JwtVerifier(m_keyring), &error),
             qPrintable(error));
    ReplayDialog dialog;
    dialog.setSessionPath(m_session);
    dialog.setDefaultTarget(receiver.url());
    dialog.shuffleButton()->setChecked(true);
    dialog.duplicateRateBox()->setValue(50);
    dialog.setSeed(7);
    QSignalSpy finished(&dialog, &ReplayDialog::replayFinished);
    const auto run = [&] {
        QStringList order;
        if (!dialog.startReplay() || !finished.wait(30000))
            return order;
        for (int row = 0; row < dialog.resultsModel()->rowCount(); ++row)
            order << dialog.resultsModel()->index(row, 0).data().toString() +
                         dialog.resultsModel()->index(row, 1).data().toString();
        return order;
    };
    const QStringList first = run();
    QVERIFY(!first.isEmpty());
    QCOMPARE(run(), first);
    dialog.setSeed(8);
    dialog.shuffleButton()->setChecked(false);
    dialog.duplicateRateBox()->setValue(0);
    QCOMPARE(run().size(), 4);

    // A target that is not http(s) is refused before anything starts.
    dialog.targetEdit()->setText(QStringLiteral("ftp://example.com/"));
    QVERIFY(!dialog.startReplay());
    QVERIFY(dialog.summaryText().contains(QStringLiteral("http")));
}

void TestExchangeDialogs::copyAsCurl()
{
    const QVector<Delivery> deliveries = stored(m_session);
    QString error;
    QVERIFY(
        CurlClipboard::copy(deliveries.first(), QStringLiteral("http://127.0.0.1:3000"), &error));
    const QString small = QGuiApplication::clipboard()->text();
    QVERIFY2(small.startsWith(QStringLiteral("curl -X POST 'http://127.0.0.1:3000/webhooks/wix' "
                                             "-H 'Expect:'")),
             qPrintable(small));
    QVERIFY(small.contains(QStringLiteral("--data-binary '") +
                           QString::fromLatin1(deliveries.first().body.left(30))));

    Delivery large = deliveries.first();
    large.body = QByteArray(CurlClipboard::kInlineLimit + 1, 'x');
    QVERIFY(CurlClipboard::copy(large, QStringLiteral("http://127.0.0.1:3000"), &error));
    const QString command = QGuiApplication::clipboard()->text();
    QVERIFY(command.contains(QStringLiteral("-H 'Expect:'")));
    const qsizetype at = command.indexOf(QStringLiteral("--data-binary @'"));
    QVERIFY2(at > 0, qPrintable(command));
    QString file = command.mid(at + 16);
    file.chop(1);
    QFile body(file);
    QVERIFY2(body.open(QIODevice::ReadOnly), qPrintable(file));
    QCOMPARE(body.readAll(), large.body);
    QVERIFY(body.permissions() & QFileDevice::ReadOwner);
    QVERIFY(!(body.permissions() & QFileDevice::ReadOther));
    body.remove();
}

void TestExchangeDialogs::perPathRuleAnswersItsPath()
{
    CaptureService server;
    CaptureOptions options;
    options.port = 0;
    QString error;
    QVERIFY2(server.start(options, path(QStringLiteral("rules.hookscope")), JwtVerifier(m_keyring),
                          &error),
             qPrintable(error));
    const auto post = [&](const QString &p) {
        QUrl url = server.url();
        url.setPath(p);
        QNetworkRequest post(url);
        post.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("text/plain"));
        std::unique_ptr<QNetworkReply> reply(m_network.post(post, "x"));
        QSignalSpy done(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished() && !done.wait(10000))
            return std::make_pair(-1, QByteArray());
        return std::make_pair(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                              reply->readAll());
    };

    ResponseRulesDialog dialog(&server.policy());
    dialog.show();
    QCOMPARE(dialog.table()->rowCount(), 0);
    QVERIFY(!dialog.editButton()->isEnabled());
    QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
    ResponseRuleDialog *editor = dialog.editor();
    QVERIFY(editor);
    QVERIFY(editor->isVisible());
    QDialogButtonBox *buttons = editor->findChild<QDialogButtonBox *>();
    QVERIFY(!buttons->button(QDialogButtonBox::Ok)->isEnabled()); // no path yet
    editor->pathEdit()->setText(QStringLiteral("fail-here"));
    QVERIFY(!buttons->button(QDialogButtonBox::Ok)->isEnabled()); // not a path
    editor->pathEdit()->setText(QStringLiteral("/fail-here"));
    editor->statusBox()->setValue(503);
    editor->bodyEdit()->setPlainText(QStringLiteral("<b>busy</b>"));
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QCOMPARE(dialog.table()->rowCount(), 1);
    QCOMPARE(dialog.table()->item(0, ResponseRulesDialog::PathColumn)->text(),
             QStringLiteral("/fail-here"));
    QCOMPARE(dialog.table()->item(0, ResponseRulesDialog::StatusColumn)->text(),
             QStringLiteral("503"));
    QCOMPARE(dialog.table()->item(0, ResponseRulesDialog::BodyColumn)->text(),
             QStringLiteral("<b>busy</b>"));

    auto answer = post(QStringLiteral("/fail-here"));
    QCOMPARE(answer.first, 503);
    QCOMPARE(answer.second, QByteArray("<b>busy</b>"));
    QCOMPARE(post(QStringLiteral("/elsewhere")).first, 200);

    // Edited to another path and status: the old path answers normally again.
    dialog.table()->selectRow(0);
    QVERIFY(dialog.editButton()->isEnabled());
    QTest::mouseClick(dialog.editButton(), Qt::LeftButton);
    QTRY_VERIFY(dialog.editor() && dialog.editor() != editor);
    editor = dialog.editor();
    QCOMPARE(editor->pathEdit()->text(), QStringLiteral("/fail-here"));
    editor->pathEdit()->setText(QStringLiteral("/teapot"));
    editor->statusBox()->setValue(418);
    editor->accept();
    QCOMPARE(server.policy().pathPlans().keys(), QStringList{QStringLiteral("/teapot")});
    QCOMPARE(post(QStringLiteral("/teapot")).first, 418);
    QCOMPARE(post(QStringLiteral("/fail-here")).first, 200);

    dialog.table()->selectRow(0);
    QTest::mouseClick(dialog.removeButton(), Qt::LeftButton);
    QCOMPARE(dialog.table()->rowCount(), 0);
    QCOMPARE(post(QStringLiteral("/teapot")).first, 200);
    server.stop();
}

void TestExchangeDialogs::addedColumnShowsThePathsValue()
{
    // A session of its own, to add to later.
    const QString session = path(QStringLiteral("columns.hookscope"));
    SessionWriter writer;
    QString error;
    QVector<Delivery> first = stored(m_session);
    QVERIFY2(writer.open(session, &error) && writer.write(first, JwtVerifier(m_keyring), &error),
             qPrintable(error));
    DeliveryListModel list;
    ExtraColumnsProxyModel extra;
    extra.setSourceModel(&list);
    extra.setSessionPath(session);
    DeliveryFilterProxyModel shown;
    shown.setSourceModel(&extra);
    QCOMPARE(shown.deliveryModel(), &list);
    QAbstractItemModelTester extraTester(&extra,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester shownTester(&shown,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    list.appendDeliveries(first);
    QCOMPARE(shown.rowCount(), 4);
    QCOMPARE(shown.columnCount(), int(DeliveryListModel::ColumnCount));

    QSignalSpy resets(&shown, &QAbstractItemModel::modelReset);
    const QString sequence = QStringLiteral("payload.data.data.entityEventSequence");
    QVERIFY(extra.addColumn(sequence));
    QVERIFY(!extra.addColumn(sequence));
    QVERIFY(extra.addColumn(QStringLiteral("body.n")));
    QCOMPARE(resets.size(), 0);
    const int column = DeliveryListModel::ColumnCount;
    QCOMPARE(shown.columnCount(), column + 2);
    QCOMPARE(shown.headerData(column, Qt::Horizontal).toString(),
             QStringLiteral("entityEventSequence"));
    QCOMPARE(extra.pathForColumn(column + 1), QStringLiteral("body.n"));

    // Empty until read in the background; then the values, row by row.
    QCOMPARE(shown.index(0, column).data().toString(), QString());
    QTRY_COMPARE(shown.index(0, column).data().toString(), QStringLiteral("1"));
    QTRY_COMPARE(shown.index(1, column).data().toString(), QStringLiteral("3"));
    QTRY_COMPARE(shown.index(3, column + 1).data().toString(), QStringLiteral("7"));
    QCOMPARE(shown.index(3, column).data().toString(), QString()); // no such path
    // Other roles are the row's.
    QCOMPARE(shown.index(1, column).data(DeliveryListModel::SeqRole).toLongLong(), 2);

    // Sorting on it: numbers (and strings of digits) as numbers, missing values last.
    shown.sort(column + 1, Qt::AscendingOrder);
    QTRY_COMPARE(shown.seqAt(0), 4);
    shown.sort(column, Qt::AscendingOrder);
    QTRY_COMPARE(shown.index(2, column).data().toString(), QStringLiteral("3"));
    QCOMPARE(shown.index(0, column).data(DeliveryListModel::SortRole), QVariant(1.0));
    QCOMPARE(shown.seqAt(3), 4);

    // New rows get their values too; removing a column keeps the others' values.
    QVector<Delivery> more = {stored(m_session).at(1)};
    QVERIFY2(writer.write(more, JwtVerifier(m_keyring), &error), qPrintable(error));
    QCOMPARE(more.first().seq, 5);
    list.appendDeliveries(more);
    QVERIFY(extra.removeColumn(QStringLiteral("body.n")));
    QCOMPARE(shown.columnCount(), column + 1);
    shown.sort(DeliveryListModel::SeqColumn, Qt::AscendingOrder);
    QTRY_COMPARE(shown.index(4, column).data().toString(), QStringLiteral("3"));
    QCOMPARE(extra.columnPaths(), QStringList{sequence});
    QCOMPARE(resets.size(), 0);
}

void TestExchangeDialogs::decodedTabOffersAddAsColumn()
{
    const Delivery delivery = stored(m_session).first();
    DecodedTab tab;
    tab.showDelivery(delivery, inspectToken(delivery.body, JwtVerifier()));
    const QModelIndex index =
        tab.model()->indexForPath(QStringLiteral("payload.data.data.entityEventSequence"));
    QVERIFY(index.isValid());
    tab.tree()->setCurrentIndex(index);
    QSignalSpy requested(&tab, &DecodedTab::columnRequested);
    emit tab.tree()->contextMenuAboutToShow(index);
    QVERIFY(tab.addColumnAction()->isEnabled());
    QVERIFY(tab.addColumnAction()->text().contains(QStringLiteral("entityEventSequence")));
    tab.addColumnAction()->trigger();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.first().first().toString(),
             QStringLiteral("payload.data.data.entityEventSequence"));
}

QString TestExchangeDialogs::copyOfSource(const QString &name) const
{
    const QString copy = path(name + QStringLiteral(".hookscope"));
    if (!QFile::copy(m_session, copy))
        qFatal("cannot copy the session to %s", qPrintable(copy));
    QFile::setPermissions(copy, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return copy;
}

std::unique_ptr<MainWindow> TestExchangeDialogs::showWindow(const QString &sessionPath)
{
    MainWindowOptions options;
    options.sessionPath = sessionPath;
    options.port = 0;
    auto window = std::make_unique<MainWindow>(options);
    window->resize(1200, 800);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()) ||
        !QTest::qWaitFor([&] { return !window->captureSession()->isLoading(); }, 10000) ||
        !window->captureSession()->isListening())
        return nullptr;
    return window;
}

int TestExchangeDialogs::post(const QUrl &url, const QByteArray &body)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("text/plain"));
    std::unique_ptr<QNetworkReply> reply(m_network.post(request, body));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(10000))
        return -1;
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

void TestExchangeDialogs::windowImportReachesEveryModelAndCaptureGoesOn()
{
    QByteArray lines;
    for (const Delivery &d : stored(m_session))
        lines += QJsonDocument(d.toJson()).toJson(QJsonDocument::Compact) + '\n';
    QVERIFY(writeFile(path(QStringLiteral("window.jsonl")), lines));
    std::unique_ptr<MainWindow> window =
        showWindow(path(QStringLiteral("window-import.hookscope")));
    QVERIFY(window);
    CaptureSession *session = window->captureSession();
    DeliveryFilterProxyModel *shown = window->liveView()->proxy();
    QAbstractItemModelTester tester(shown, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QUrl url = session->url();
    QCOMPARE(shown->rowCount(), 0);

    ExchangeActions *exchange = window->exchangeActions();
    exchange->importAction()->trigger();
    ImportDialog *dialog = exchange->importDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QSignalSpy read(dialog, &ImportDialog::readFinished);
    dialog->addPaths({path(QStringLiteral("window.jsonl"))});
    QVERIFY(read.wait(10000));

    // Paused, the imported deliveries wait with captured ones, then arrive in order.
    window->liveView()->pauseAction()->setChecked(true);
    QSignalSpy imported(dialog, &ImportDialog::importFinished);
    QSignalSpy finished(session, &CaptureSession::importFinished);
    QTest::mouseClick(dialog->importButton(), Qt::LeftButton);
    QVERIFY(imported.wait(20000));
    QVERIFY2(imported.first().first().toBool(), qPrintable(dialog->statusText()));
    QCOMPARE(finished.first().at(0).toInt(), 4);
    QCOMPARE(session->bufferedCount(), 4);
    QCOMPARE(shown->rowCount(), 0);
    window->liveView()->pauseAction()->setChecked(false);
    QCOMPARE(shown->rowCount(), 4);
    // Analysed as they went in: the repeated token is a duplicate, in the list and
    // in the analysis views.
    QVERIFY(shown->index(2, 0).data(DeliveryListModel::FlagsRole).toUInt() & FlagDuplicate);
    QVERIFY(session->analysis()->expertInfo()->count(Severity::Warning) > 0);

    // Capture goes on, on the same address, after what was imported.
    QVERIFY(session->isListening());
    QCOMPARE(session->url(), url);
    QUrl webhook = url;
    webhook.setPath(QLatin1String(kWebhookPath));
    QCOMPARE(post(webhook, stored(m_session).at(1).body), 200);
    QTRY_COMPARE(shown->rowCount(), 5);
    QCOMPARE(shown->seqAt(4), 5);
    QCOMPARE(stored(session->sessionPath()).size(), 5);
}

void TestExchangeDialogs::listContextMenuExportsReplaysAndCopies()
{
    std::unique_ptr<MainWindow> window = showWindow(copyOfSource(QStringLiteral("window-menu")));
    QVERIFY(window);
    LiveCaptureView *live = window->liveView();
    DeliveryTableView *table = live->table();
    ExchangeActions *exchange = window->exchangeActions();
    QTRY_COMPARE(live->proxy()->rowCount(), 4);
    QCOMPARE(table->contextMenuPolicy(), Qt::ActionsContextMenu);
    QVERIFY(table->actions().contains(exchange->copyAsCurlAction()));
    QVERIFY(table->actions().contains(exchange->exportSelectedAction()));
    QVERIFY(table->actions().contains(exchange->replaySelectedAction()));
    QVERIFY(!exchange->copyAsCurlAction()->isEnabled());
    QVERIFY(!exchange->exportSelectedAction()->isEnabled());

    table->selectRow(0);
    QVERIFY(exchange->copyAsCurlAction()->isEnabled());
    exchange->copyAsCurlAction()->trigger();
    const QString command = QGuiApplication::clipboard()->text();
    const QString target = QStringLiteral("curl -X POST 'http://127.0.0.1:%1%2' -H 'Expect:'")
                               .arg(window->captureSession()->url().port())
                               .arg(QLatin1String(kWebhookPath));
    QVERIFY2(command.startsWith(target), qPrintable(command));

    table->selectionModel()->select(live->proxy()->index(1, 0),
                                    QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QCOMPARE(live->selectedSeqs(), (QVector<qint64>{1, 2}));
    QVERIFY(!exchange->copyAsCurlAction()->isEnabled());
    QVERIFY(exchange->exportSelectedAction()->text().contains(QStringLiteral("2 selected")));

    exchange->exportSelectedAction()->trigger();
    ExportDialog *exportDialog = exchange->exportDialog();
    QVERIFY(exportDialog && exportDialog->isVisible());
    QCOMPARE(exportDialog->scopeBox()->scope(), DeliveryScopeBox::Scope::Selection);
    QCOMPARE(exportDialog->sessionPath(), window->captureSession()->sessionPath());
    exportDialog->setFormat(ExportFormat::Har);
    exportDialog->setPath(path(QStringLiteral("window-selected.har")));
    QSignalSpy exported(exportDialog, &ExportDialog::exportFinished);
    QTest::mouseClick(exportDialog->exportButton(), Qt::LeftButton);
    QVERIFY(exported.wait(20000));
    QCOMPARE(exportDialog->lastResult().written, 2);

    // Replaying the selection to the window's own listener: it captures them again.
    exchange->replaySelectedAction()->trigger();
    ReplayDialog *replay = exchange->replayDialog();
    QVERIFY(replay && replay->isVisible());
    QCOMPARE(replay->targetEdit()->text(), window->captureSession()->url().toString());
    QCOMPARE(replay->scopeBox()->scope(), DeliveryScopeBox::Scope::Selection);
    QSignalSpy replayed(replay, &ReplayDialog::replayFinished);
    QTest::mouseClick(replay->replayButton(), Qt::LeftButton);
    QVERIFY(replayed.wait(20000));
    QCOMPARE(replay->resultsModel()->rowCount(), 2);
    QCOMPARE(replay->deliveredSends(), 2);
    QTRY_COMPARE(live->proxy()->rowCount(), 6);
    // The same token again: the receiver (here, Hookscope) sees a duplicate.
    QVERIFY(live->proxy()->index(4, 0).data(DeliveryListModel::FlagsRole).toUInt() & FlagDuplicate);
}

void TestExchangeDialogs::addAsListColumnFromTheWindow()
{
    const QString sessionPath = copyOfSource(QStringLiteral("window-columns"));
    const QString column = QStringLiteral("payload.data.data.entityEventSequence");
    {
        std::unique_ptr<MainWindow> window = showWindow(sessionPath);
        QVERIFY(window);
        LiveCaptureView *live = window->liveView();
        QTRY_COMPARE(live->proxy()->rowCount(), 4);
        QAbstractItemModelTester tester(live->proxy(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        live->table()->setCurrentIndex(live->proxy()->index(1, 0));
        DecodedTab *decoded = live->detail()->decodedTab();
        const QModelIndex field = decoded->model()->indexForPath(column);
        QVERIFY(field.isValid());
        decoded->tree()->setCurrentIndex(field);
        decoded->addColumnAction()->trigger();
        const int added = DeliveryListModel::ColumnCount;
        QCOMPARE(live->proxy()->columnCount(), added + 1);
        QCOMPARE(live->proxy()->headerData(added, Qt::Horizontal).toString(),
                 QStringLiteral("entityEventSequence"));
        QTRY_COMPARE(live->proxy()->index(0, added).data().toString(), QStringLiteral("1"));
        QTRY_COMPARE(live->proxy()->index(1, added).data().toString(), QStringLiteral("3"));
        // Filtering still reads the list's rows under the added columns.
        live->proxy()->setFilter(DeliveryFilter::parse(QStringLiteral("kind:json")));
        QCOMPARE(live->proxy()->rowCount(), 1);
        QCOMPARE(live->proxy()->seqAt(0), 4);
        live->proxy()->setFilter(DeliveryFilter());
        // The selection follows the list when a row is selected by seq.
        QVERIFY(live->selectSeq(3));
        QCOMPARE(live->currentSeq(), 3);
        live->saveSettings();
    }
    // Remembered with the columns.
    std::unique_ptr<MainWindow> window = showWindow(sessionPath);
    QVERIFY(window);
    QCOMPARE(window->liveView()->extraColumns()->columnPaths(), QStringList{column});
    QTRY_COMPARE(window->liveView()->proxy()->rowCount(), 4);
    QTRY_COMPARE(
        window->liveView()->proxy()->index(1, DeliveryListModel::ColumnCount).data().toString(),
        QStringLiteral("3"));
    QVERIFY(window->liveView()->extraColumns()->removeColumn(column));
    window->liveView()->saveSettings();
}

void TestExchangeDialogs::responseMenuOpensPerPathAnswers()
{
    std::unique_ptr<MainWindow> window = showWindow(path(QStringLiteral("window-rules.hookscope")));
    QVERIFY(window);
    ResponseMenu *menu = window->responseMenu();
    menu->pathRulesAction()->trigger();
    ResponseRulesDialog *rules = menu->rulesDialog();
    QVERIFY(rules && rules->isVisible());
    ResponsePlan plan;
    plan.status = 503;
    rules->setRule(QStringLiteral("/busy"), plan);
    QVERIFY(menu->summary().contains(QStringLiteral("1 path with its own answer")));
    QUrl url = window->captureSession()->url();
    url.setPath(QStringLiteral("/busy"));
    QCOMPARE(post(url, "x"), 503);
    url.setPath(QLatin1String(kWebhookPath));
    QCOMPARE(post(url, "x"), 200);
    rules->removeRule(QStringLiteral("/busy"));
    QVERIFY(menu->summary().isEmpty());
}

QTEST_MAIN(TestExchangeDialogs)
#include "tst_exchangedialogs.moc"
