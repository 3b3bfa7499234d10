#include "analysisdocks.h"
#include "analysisflagstyle.h"
#include "analysismodels.h"
#include "capturesession.h"
#include "capturestatusbar.h"
#include "comparedialog.h"
#include "copyurlbutton.h"
#include "decodedtab.h"
#include "decodedtreeview.h"
#include "deliveryanalysispanel.h"
#include "deliverydetailview.h"
#include "deliveryfilterproxymodel.h"
#include "deliveryrowdelegate.h"
#include "deliverytableview.h"
#include "eventgroupsview.h"
#include "expertinfoview.h"
#include "filterlineedit.h"
#include "httptab.h"
#include "keyringdialog.h"
#include "keyringstore.h"
#include "latencychartview.h"
#include "latencypanel.h"
#include "livecaptureview.h"
#include "mainwindow.h"
#include "models/deliverylistmodel.h"
#include "models/eventgroupsmodel.h"
#include "models/expertinfomodel.h"
#include "models/forwardlatencymodel.h"
#include "models/jsontreemodel.h"
#include "models/timelinemodel.h"
#include "notlisteningbanner.h"
#include "responsemenu.h"
#include "sendpanel.h"
#include "store/sessionstore.h"
#include "testkeys.h"
#include "timelineview.h"
#include "tokenfactory.h"
#include "tokentab.h"
#include "verdictbanner.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QHelpEvent>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QToolButton>
#include <QToolTip>
#include <QTreeView>
#include <QtTest>

#include <memory>

using namespace TokenFactory;

namespace {
constexpr char kWebhookPath[] = "/webhooks/wix";

template <typename T> T *child(QObject *parent, const char *name)
{
    T *found = parent->findChild<T *>(QLatin1String(name));
    if (!found)
        qFatal("no child named %s", name);
    return found;
}

QJsonObject envelopeWithEventType(const QString &eventType)
{
    QJsonObject envelope = loadExample(QStringLiteral("contact_created.json"));
    envelope.insert(QStringLiteral("eventType"), eventType);
    return envelope;
}

// An update of contact `entity` with its own event id and entityEventSequence,
// its eventTime `ageMs` before now.
QJsonObject contactUpdate(const QString &entity, int sequence, const QString &eventId, int ageMs)
{
    QJsonObject envelope = loadExample(QStringLiteral("contact_updated.json"));
    QJsonObject data = envelope.value(QStringLiteral("data")).toObject();
    data.insert(QStringLiteral("id"), eventId);
    data.insert(QStringLiteral("entityId"), entity);
    data.insert(QStringLiteral("entityEventSequence"), QString::number(sequence));
    data.insert(QStringLiteral("eventTime"),
                QDateTime::currentDateTimeUtc().addMSecs(-ageMs).toString(Qt::ISODateWithMs));
    QJsonObject updated = data.value(QStringLiteral("updatedEvent")).toObject();
    QJsonObject current = updated.value(QStringLiteral("currentEntity")).toObject();
    current.insert(QStringLiteral("id"), entity);
    updated.insert(QStringLiteral("currentEntity"), current);
    data.insert(QStringLiteral("updatedEvent"), updated);
    envelope.insert(QStringLiteral("data"), data);
    return envelope;
}

QString flagsText(QAbstractItemModel *model, int row)
{
    return model->index(row, DeliveryListModel::FlagsColumn).data().toString();
}
} // namespace

// The main window's live view against its own capture server: a scratch session,
// a free loopback port, real keys and tokens made here.
class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void deliveriesAppearWithTheirSignature();
    void filterNarrowsTheList();
    void badFilterTermIsMarked_data();
    void badFilterTermIsMarked();
    void selectingARowFillsTheTabs();
    void filterOnThisValue();
    void pauseBuffersAndResumeAppends();
    void payloadTextStaysPlain();
    void keyringDialogAddsTestsAndPersistsKeys();
    void keyringRefusesPrivateKeysAndDuplicates();
    void clearAsksThenEmptiesTheSession();
    void saveAsAndOpenKeepDeliveries();
    void portInUseOffersAnotherPort();
    void unreadableSessionIsNamed();
    void responsePresets();
    void statusBarCountsAndCopiesTheUrl();
    void autoScrollStopsWhenScrolledUp();
    void settingsKeepColumnsAndListenAddress();
    void analysisFlagsColumnAndFilter();
    void detailPaneShowsTheAnalysisWithLinks();
    void timelineSelectionFollowsTheList();
    void eventGroupsFollowTheList();
    void expertInfoCountsAndJumps();
    void compareTwoSelectedDeliveries();
    void viewMenuTogglesTheDocks();
    void reopenedSessionKeepsItsAnalysis();
    void forwardModeShowsTheLatencyChart();

private:
    // #1 entity A seq 5, #2 the same token again (a redundant duplicate), #3 entity A
    // seq 3 (out of order), #4 entity B seq 1: two lanes.
    void postAnalysisScript();
    std::unique_ptr<MainWindow> makeWindow(const QString &sessionName, quint16 port = 0);
    void showWindow(const QString &sessionName = QString());
    int post(const QByteArray &body, const QByteArray &contentType = "text/plain",
             const QString &path = QLatin1String(kWebhookPath), qint64 *elapsedMs = nullptr);
    QByteArray token(const QJsonObject &envelope) const;
    QByteArray validToken() const;
    QByteArray tamperedToken() const;
    QString signatureText(int proxyRow) const;
    bool postAndWait(const QByteArray &body, const QByteArray &contentType = "text/plain");

    LiveCaptureView *live() const { return m_window->liveView(); }
    CaptureSession *session() const { return m_window->captureSession(); }
    DeliveryFilterProxyModel *proxy() const { return live()->proxy(); }

    QTemporaryDir m_dir;
    TestKeyPair m_keys;
    TestKeyPair m_otherKeys;
    QNetworkAccessManager m_network;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("HookscopeTest"));
    QVERIFY(m_dir.isValid());
    m_keys = TestKeyPair::generate();
    m_otherKeys = TestKeyPair::generate();
    m_network.setProxy(QNetworkProxy::NoProxy);
}

void TestMainWindow::init()
{
    QSettings settings;
    settings.clear();
}

void TestMainWindow::cleanup()
{
    m_tester.reset();
    m_window.reset();
    m_network.clearConnectionCache();
}

std::unique_ptr<MainWindow> TestMainWindow::makeWindow(const QString &sessionName, quint16 port)
{
    MainWindowOptions options;
    options.sessionPath = m_dir.filePath(sessionName + QStringLiteral(".hookscope"));
    options.port = port;
    return std::make_unique<MainWindow>(options);
}

void TestMainWindow::showWindow(const QString &sessionName)
{
    m_window = makeWindow(sessionName.isEmpty() ? QLatin1String(QTest::currentTestFunction())
                                                : sessionName);
    m_window->resize(1200, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY(!session()->isLoading());
    QVERIFY2(session()->isListening(), qPrintable(session()->listenError()));
    m_tester = std::make_unique<QAbstractItemModelTester>(
        proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

int TestMainWindow::post(const QByteArray &body, const QByteArray &contentType, const QString &path,
                         qint64 *elapsedMs)
{
    QUrl url = session()->url();
    url.setPath(path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    request.setRawHeader("X-Test-Header", "first");
    QElapsedTimer timer;
    timer.start();
    std::unique_ptr<QNetworkReply> reply(m_network.post(request, body));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(15000))
        return -1;
    if (elapsedMs)
        *elapsedMs = timer.elapsed();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

bool TestMainWindow::postAndWait(const QByteArray &body, const QByteArray &contentType)
{
    const int before = session()->model()->rowCount() + session()->bufferedCount();
    if (post(body, contentType) != 200)
        return false;
    // Answered 2xx means committed; the window hears of it a moment later.
    return QTest::qWaitFor(
        [&] { return session()->model()->rowCount() + session()->bufferedCount() > before; },
        10000);
}

QByteArray TestMainWindow::token(const QJsonObject &envelope) const
{
    return signRs256(wixClaims(envelope, QDateTime::currentSecsSinceEpoch() - 2),
                     m_keys.privateKey);
}

QByteArray TestMainWindow::validToken() const
{
    return token(loadExample(QStringLiteral("contact_created.json")));
}

QByteArray TestMainWindow::tamperedToken() const
{
    // The payload changed after signing: the right key, another message.
    const QJsonObject claims =
        wixClaims(loadExample(QStringLiteral("contact_deleted_by_merge.json")),
                  QDateTime::currentSecsSinceEpoch());
    return replaceSegment(validToken(), 1,
                          encode(QJsonDocument(claims).toJson(QJsonDocument::Compact)));
}

QString TestMainWindow::signatureText(int proxyRow) const
{
    return proxy()->index(proxyRow, DeliveryListModel::SignatureColumn).data().toString();
}

void TestMainWindow::deliveriesAppearWithTheirSignature()
{
    showWindow();
    QVERIFY(session()->url().port() > 0);
    QCOMPARE(session()->url().host(), QStringLiteral("127.0.0.1"));
    QVERIFY(!live()->notListeningBanner()->isVisible());
    QString error;
    QVERIFY2(m_window->keyringStore()->add(QStringLiteral("app"), m_keys.spkiPem, &error),
             qPrintable(error));
    QSignalSpy resets(proxy(), &QAbstractItemModel::modelReset);

    QCOMPARE(post(validToken()), 200);
    QCOMPARE(post(tamperedToken()), 200);
    QCOMPARE(post("{\"hello\":\"world\"}", "application/json"), 200);
    QTRY_COMPARE(proxy()->rowCount(), 3);

    QCOMPARE(signatureText(0), QStringLiteral("valid (app)"));
    QCOMPARE(signatureText(1), QStringLiteral("invalid: signature_tampered"));
    QCOMPARE(signatureText(2), QStringLiteral("not a JWT (json)"));
    QCOMPARE(proxy()
                 ->index(0, DeliveryListModel::SignatureColumn)
                 .data(DeliveryListModel::SignatureStatusRole)
                 .toInt(),
             int(SignatureStatus::Valid));
    QCOMPARE(proxy()->index(0, DeliveryListModel::EventTypeColumn).data().toString(),
             QStringLiteral("wix.contacts.v4.contact_created"));
    QCOMPARE(proxy()->index(0, DeliveryListModel::RequestColumn).data().toString(),
             QStringLiteral("POST /webhooks/wix"));
    // Live rows are inserted, never a reset of the whole list.
    QCOMPARE(resets.count(), 0);
    QCOMPARE(session()->model()->invalidCount(), 1);
}

void TestMainWindow::filterNarrowsTheList()
{
    showWindow();
    QVERIFY(m_window->keyringStore()->add(QStringLiteral("app"), m_keys.spkiPem));
    QVERIFY(postAndWait(validToken()));
    QVERIFY(postAndWait(tamperedToken()));
    QVERIFY(postAndWait(validToken()));
    QVERIFY(postAndWait("a=1&b=2", "application/x-www-form-urlencoded"));
    QTRY_COMPARE(proxy()->rowCount(), 4);

    // Ctrl+F focuses the filter bar.
    QVERIFY(m_window->isActiveWindow() || QTest::qWaitForWindowActive(m_window.get()));
    live()->table()->setFocus();
    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
    FilterLineEdit *filter = live()->filterEdit();
    QTRY_VERIFY(filter->hasFocus());

    QTest::keyClicks(filter, QStringLiteral("sig:invalid"));
    QTRY_COMPARE(proxy()->rowCount(), 1);
    QCOMPARE(signatureText(0), QStringLiteral("invalid: signature_tampered"));
    QVERIFY(!filter->hasErrors());
    QTRY_COMPARE(child<QLabel>(m_window.get(), "shownCountLabel")->text(),
                 QStringLiteral("1 of 4 shown"));

    filter->setText(QStringLiteral("sig:valid"));
    QTRY_COMPARE(proxy()->rowCount(), 2);
    filter->setText(QStringLiteral("-sig:valid"));
    QTRY_COMPARE(proxy()->rowCount(), 2);
    filter->setText(QStringLiteral("sig:none kind:form"));
    QTRY_COMPARE(proxy()->rowCount(), 1);

    // New deliveries are filtered as they arrive.
    filter->setText(QStringLiteral("sig:invalid"));
    QTRY_COMPARE(proxy()->rowCount(), 1);
    QVERIFY(postAndWait(validToken()));
    QVERIFY(postAndWait(tamperedToken()));
    QTRY_COMPARE(proxy()->rowCount(), 2);

    // Sorting by a column keeps the filter.
    live()->table()->sortByColumn(DeliveryListModel::SeqColumn, Qt::DescendingOrder);
    QCOMPARE(proxy()->rowCount(), 2);
    QVERIFY(proxy()->seqAt(0) > proxy()->seqAt(1));

    filter->clear();
    QTRY_COMPARE(proxy()->rowCount(), 6);
}

void TestMainWindow::badFilterTermIsMarked_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("start");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("unknown field")
        << QStringLiteral("nosuchfield:x") << 0 << QStringLiteral("nosuchfield");
    QTest::newRow("second term") << QStringLiteral("type:contact nosuchfield:x") << 13
                                 << QStringLiteral("nosuchfield");
    QTest::newRow("bad sig value") << QStringLiteral("sig:maybe") << 0 << QStringLiteral("sig:");
    QTest::newRow("empty value") << QStringLiteral("type:") << 0 << QStringLiteral("needs a value");
    QTest::newRow("unclosed quote")
        << QStringLiteral("type:\"a b") << 0 << QStringLiteral("unclosed quote");
}

void TestMainWindow::badFilterTermIsMarked()
{
    QFETCH(QString, text);
    QFETCH(int, start);
    QFETCH(QString, mentions);

    showWindow(QStringLiteral("badFilterTermIsMarked"));
    FilterLineEdit *filter = live()->filterEdit();
    const QColor normalBase = filter->palette().color(QPalette::Base);
    filter->setText(text);

    QVERIFY(filter->hasErrors());
    QVERIFY(filter->property("filterError").toBool());
    QVERIFY(filter->palette().color(QPalette::Base) != normalBase);
    QCOMPARE(filter->filter().errors().constFirst().start, start);
    QVERIFY2(filter->errorText().contains(mentions), qPrintable(filter->errorText()));
    QVERIFY(filter->errorText().contains(QStringLiteral("column %1").arg(start + 1)));
    QVERIFY(filter->toolTip().contains(mentions.toHtmlEscaped()));
    auto *label = child<QLabel>(m_window.get(), "filterErrorLabel");
    QTRY_VERIFY(label->isVisible());
    QVERIFY(label->text().contains(mentions));
    QCOMPARE(label->textFormat(), Qt::PlainText);

    // Fixed, the marks go.
    filter->setText(QStringLiteral("type:contact"));
    QVERIFY(!filter->hasErrors());
    QVERIFY(!filter->property("filterError").toBool());
    QCOMPARE(filter->palette().color(QPalette::Base), normalBase);
    QTRY_VERIFY(!label->isVisible());
}

void TestMainWindow::selectingARowFillsTheTabs()
{
    showWindow();
    QVERIFY(m_window->keyringStore()->add(QStringLiteral("app"), m_keys.spkiPem));
    const QByteArray body = validToken();
    QVERIFY(postAndWait(body));
    QVERIFY(postAndWait("{\"data\":\"{\\\"inner\\\":1}\"}", "application/json"));
    QTRY_COMPARE(proxy()->rowCount(), 2);

    live()->table()->setCurrentIndex(proxy()->index(0, 0));
    QTRY_VERIFY(live()->currentDelivery().has_value());
    QCOMPARE(live()->currentDelivery()->body, body);

    DecodedTab *decoded = live()->detail()->decodedTab();
    JsonTreeModel *tree = decoded->model();
    const QModelIndex eventType = tree->indexForPath(QStringLiteral("payload.data.eventType"));
    QVERIFY(eventType.isValid());
    QCOMPARE(eventType.data(JsonTreeModel::RawValueRole).toString(),
             QStringLiteral("wix.contacts.v4.contact_created"));
    QVERIFY(decoded->tree()->isExpanded(tree->indexForPath(QStringLiteral("payload.data"))));
    QVERIFY2(decoded->computedText().contains(QStringLiteral("[event age at arrival: ")),
             qPrintable(decoded->computedText()));
    QVERIFY(decoded->computedText().contains(QStringLiteral("[iat age at arrival: ")));
    QVERIFY(decoded->computedText().contains(QStringLiteral("[signature: valid (app)]")));

    TokenTab *token = live()->detail()->tokenTab();
    QCOMPARE(token->banner()->state(), VerdictBanner::State::Valid);
    QCOMPARE(child<QPlainTextEdit>(token, "tokenSegments")->toPlainText(),
             QString::fromLatin1(body));
    QVERIFY(child<QPlainTextEdit>(token, "tokenClaims")
                ->toPlainText()
                .contains(QStringLiteral("wix.contacts.v4.contact_created")));

    const QString http = live()->detail()->httpTab()->toPlainText();
    QVERIFY2(http.startsWith(QStringLiteral("POST /webhooks/wix\n")), qPrintable(http));
    QVERIFY(http.contains(QStringLiteral("X-Test-Header: first")));
    QVERIFY(http.contains(QString::fromLatin1(body)));
    QVERIFY(http.contains(QStringLiteral("Answered: 200")));

    // A JSON body: its tree, strings of JSON expanded; no token.
    live()->table()->setCurrentIndex(proxy()->index(1, 0));
    QTRY_COMPARE(live()->currentDelivery()->seq, proxy()->seqAt(1));
    const QModelIndex inner = tree->indexForPath(QStringLiteral("body.data.inner"));
    QVERIFY(inner.isValid());
    QVERIFY(tree->indexForPath(QStringLiteral("body.data"))
                .data(JsonTreeModel::StringifiedRole)
                .toBool());
    QCOMPARE(token->banner()->state(), VerdictBanner::State::Idle);

    // Nothing selected: the welcome page again.
    live()->table()->setCurrentIndex(QModelIndex());
    QTRY_VERIFY(!live()->currentDelivery().has_value());
    QVERIFY(child<QWidget>(m_window.get(), "welcomePage")->isVisible());
}

void TestMainWindow::filterOnThisValue()
{
    showWindow();
    QVERIFY(postAndWait(validToken()));
    QVERIFY(postAndWait(token(loadExample(QStringLiteral("contact_updated.json")))));
    QVERIFY(postAndWait(validToken()));
    QTRY_COMPARE(proxy()->rowCount(), 3);
    QVERIFY(live()->selectSeq(proxy()->seqAt(0)));
    QTRY_VERIFY(live()->currentDelivery().has_value());

    DecodedTab *decoded = live()->detail()->decodedTab();
    const QModelIndex eventType =
        decoded->model()->indexForPath(QStringLiteral("payload.data.eventType"));
    QCOMPARE(DecodedTab::filterTermFor(eventType),
             QStringLiteral("type:wix.contacts.v4.contact_created"));
    // Fields the list has no column for offer nothing.
    QVERIFY(DecodedTab::filterTermFor(decoded->model()->indexForPath(
                                          QStringLiteral("payload.data.data.createdEvent.entity."
                                                         "source.appId")))
                .isEmpty());
    QCOMPARE(DecodedTab::filterTermFor(decoded->model()->indexForPath(
                 QStringLiteral("payload.data.identity.identityType"))),
             QStringLiteral("identity:ANONYMOUS_VISITOR"));

    decoded->tree()->setCurrentIndex(eventType);
    decoded->filterOnValueAction()->trigger();
    QCOMPARE(live()->filterEdit()->text(), QStringLiteral("type:wix.contacts.v4.contact_created"));
    QTRY_COMPARE(proxy()->rowCount(), 2);

    // Through the context menu too: it adds a term, ANDed.
    const QModelIndex instance =
        decoded->model()->indexForPath(QStringLiteral("payload.data.instanceId"));
    const QRect rect = decoded->tree()->visualRect(instance);
    QVERIFY(rect.isValid());
    QTimer::singleShot(0, this, [] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        QVERIFY(menu);
        QAction *filterAction = nullptr;
        for (QAction *action : menu->actions()) {
            if (action->objectName() == QLatin1String("filterOnValueAction"))
                filterAction = action;
        }
        QVERIFY(filterAction && filterAction->isEnabled());
        QVERIFY(filterAction->text().contains(QStringLiteral("instance:")));
        menu->close();
        filterAction->trigger();
    });
    QContextMenuEvent event(QContextMenuEvent::Mouse, rect.center(),
                            decoded->tree()->viewport()->mapToGlobal(rect.center()));
    QApplication::sendEvent(decoded->tree()->viewport(), &event);
    QTRY_VERIFY(live()->filterEdit()->text().contains(QStringLiteral("instance:a6d1c7d0")));
    QCOMPARE(proxy()->rowCount(), 2);
}

void TestMainWindow::pauseBuffersAndResumeAppends()
{
    showWindow();
    QVERIFY(postAndWait(validToken()));
    QTRY_COMPARE(proxy()->rowCount(), 1);

    live()->pauseAction()->trigger();
    QVERIFY(session()->isPaused());
    QVERIFY(postAndWait(tamperedToken()));
    QVERIFY(postAndWait("{\"a\":1}", "application/json"));
    QTRY_COMPARE(session()->bufferedCount(), 2);
    QCOMPARE(proxy()->rowCount(), 1);
    QCOMPARE(session()->model()->rowCount(), 1);
    QVERIFY(live()->pauseAction()->text().contains(QStringLiteral("2 waiting")));
    QVERIFY(child<QLabel>(m_window.get(), "deliveryCountLabel")
                ->text()
                .contains(QStringLiteral("+2 paused")));

    live()->pauseAction()->trigger();
    QVERIFY(!session()->isPaused());
    QCOMPARE(proxy()->rowCount(), 3);
    QCOMPARE(session()->bufferedCount(), 0);
    QVERIFY(proxy()->seqAt(1) < proxy()->seqAt(2));
    QVERIFY(postAndWait(validToken()));
    QTRY_COMPARE(proxy()->rowCount(), 4);
}

void TestMainWindow::payloadTextStaysPlain()
{
    showWindow();
    const QString html = QStringLiteral("<img src=x>");
    QVERIFY(postAndWait(token(envelopeWithEventType(html))));
    QVERIFY(postAndWait("{\"note\":\"<img src=x><b>bold</b>\"}", "application/json"));
    QTRY_COMPARE(proxy()->rowCount(), 2);

    const QModelIndex eventType = proxy()->index(0, DeliveryListModel::EventTypeColumn);
    QCOMPARE(eventType.data().toString(), html);

    // The list's tooltip shows the text, escaped, not an image.
    DeliveryTableView *table = live()->table();
    const QRect rect = table->visualRect(eventType);
    QHelpEvent help(QEvent::ToolTip, rect.center(), table->viewport()->mapToGlobal(rect.center()));
    QApplication::sendEvent(table->viewport(), &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY2(QToolTip::text().contains(QStringLiteral("&lt;img src=x&gt;")),
             qPrintable(QToolTip::text()));
    QToolTip::hideText();

    live()->selectSeq(proxy()->seqAt(0));
    QTRY_VERIFY(live()->currentDelivery().has_value());
    JsonTreeModel *tree = live()->detail()->decodedTab()->model();
    QCOMPARE(tree->indexForPath(QStringLiteral("payload.data.eventType"))
                 .data(JsonTreeModel::RawValueRole)
                 .toString(),
             html);
    QVERIFY(live()
                ->detail()
                ->tokenTab()
                ->findChild<QPlainTextEdit *>(QStringLiteral("tokenClaims"))
                ->toPlainText()
                .contains(html));

    live()->selectSeq(proxy()->seqAt(1));
    QTRY_COMPARE(live()->currentDelivery()->seq, proxy()->seqAt(1));
    QVERIFY(live()->detail()->httpTab()->toPlainText().contains(
        QStringLiteral("{\"note\":\"<img src=x><b>bold</b>\"}")));

    m_window->openKeyring();
    for (const QLabel *label : m_window->findChildren<QLabel *>()) {
        // Qt's tooltip label is rich text; what it shows was escaped above.
        if (QLatin1String(label->metaObject()->className()) == QLatin1String("QTipLabel"))
            continue;
        QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(label->text()));
    }
}

void TestMainWindow::keyringDialogAddsTestsAndPersistsKeys()
{
    showWindow();
    QVERIFY(postAndWait(validToken()));
    QTRY_COMPARE(proxy()->rowCount(), 1);
    QCOMPARE(signatureText(0), QStringLiteral("unverified (no key)"));

    m_window->keysAction()->trigger();
    KeyringDialog *dialog = m_window->keyringDialog();
    QVERIFY(dialog && dialog->isVisible());
    child<QLineEdit>(dialog, "keyNameEdit")->setText(QStringLiteral("shop"));
    child<QPlainTextEdit>(dialog, "keyPemEdit")->setPlainText(QString::fromLatin1(m_keys.pkcs1Pem));
    child<QPushButton>(dialog, "addKeyButton")->click();
    QCOMPARE(m_window->keyringStore()->size(), 1);
    QVERIFY(child<QLabel>(dialog, "addKeyStatus")->text().contains(QStringLiteral("Added")));

    // New deliveries are verified with it.
    QVERIFY(postAndWait(validToken()));
    QTRY_COMPARE(proxy()->rowCount(), 2);
    QCOMPARE(signatureText(1), QStringLiteral("valid (shop)"));

    // Test it against the selected (older, unverified) delivery.
    auto *testButton = child<QPushButton>(dialog, "testKeyButton");
    QVERIFY(!testButton->isEnabled());
    QVERIFY(live()->selectSeq(proxy()->seqAt(0)));
    QTRY_VERIFY(testButton->isEnabled());
    QVERIFY(child<QLabel>(dialog, "testSubjectLabel")->text().contains(QStringLiteral("#1 POST")));
    testButton->click();
    QCOMPARE(dialog->testVerdictState(), VerdictBanner::State::Valid);

    // Another app's key: rejected, with the reason.
    QVERIFY(m_window->keyringStore()->add(QStringLiteral("other"), m_otherKeys.spkiPem));
    dialog->selectRow(m_window->keyringStore()->indexOf(QStringLiteral("other")));
    testButton->click();
    QCOMPARE(dialog->testVerdictState(), VerdictBanner::State::Rejected);
    QVERIFY(dialog->testVerdictText().contains(QStringLiteral("signature_wrong_key")));

    // Rename and remove.
    QVERIFY(m_window->keyringStore()->rename(0, QStringLiteral("shop-live")));
    QCOMPARE(child<QListWidget>(dialog, "keyList")->item(0)->text(), QStringLiteral("shop-live"));
    QVERIFY(postAndWait(validToken()));
    QTRY_COMPARE(proxy()->rowCount(), 3);
    QCOMPARE(signatureText(2), QStringLiteral("valid (shop-live)"));

    // Kept in the settings, as public keys in PEM.
    {
        KeyringStore reloaded;
        QCOMPARE(reloaded.size(), 2);
        QCOMPARE(reloaded.entries().at(0).name, QStringLiteral("shop-live"));
        QVERIFY(reloaded.entries().at(0).pem.startsWith("-----BEGIN PUBLIC KEY-----"));
        QSettings settings;
        settings.beginGroup(QStringLiteral("keyring"));
        QCOMPARE(settings.beginReadArray(QStringLiteral("keys")), 2);
        settings.setArrayIndex(1);
        QCOMPARE(settings.value(QStringLiteral("name")).toString(), QStringLiteral("other"));
        QVERIFY(
            !settings.value(QStringLiteral("pem")).toString().contains(QStringLiteral("PRIVATE")));
    }

    dialog->selectRow(1);
    child<QPushButton>(dialog, "removeKeyButton")->click();
    QCOMPARE(m_window->keyringStore()->size(), 1);
    QCOMPARE(KeyringStore().size(), 1);
}

void TestMainWindow::keyringRefusesPrivateKeysAndDuplicates()
{
    KeyringStore store;
    QString error;
    QVERIFY(!store.add(QStringLiteral("secret"), m_keys.privateKey.toPem(), &error));
    QVERIFY2(error.contains(QStringLiteral("key_unreadable")), qPrintable(error));
    QVERIFY(!store.add(QString(), m_keys.spkiPem, &error));
    QVERIFY(store.add(QStringLiteral("app"), m_keys.certificatePem, &error));
    QVERIFY(!store.add(QStringLiteral("app"), m_otherKeys.spkiPem, &error));
    QVERIFY(error.contains(QStringLiteral("exists")));
    QVERIFY(!store.add(QStringLiteral("ec"), ecPublicKeyPem(), &error));
    QCOMPARE(store.size(), 1);
    QCOMPARE(store.verifier().keyring().size(), 1);
}

void TestMainWindow::clearAsksThenEmptiesTheSession()
{
    showWindow();
    const QUrl url = session()->url();
    QVERIFY(postAndWait(validToken()));
    QVERIFY(postAndWait(validToken()));
    QTRY_COMPARE(proxy()->rowCount(), 2);

    // Cancelled: nothing happens.
    QTimer::singleShot(0, this, [] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        QVERIFY(box->text().contains(QStringLiteral("2 deliveries")));
        box->button(QMessageBox::Cancel)->click();
    });
    live()->clearAction()->trigger();
    QCOMPARE(proxy()->rowCount(), 2);

    QTimer::singleShot(0, this, [] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        box->button(QMessageBox::Yes)->click();
    });
    live()->clearAction()->trigger();
    QCOMPARE(proxy()->rowCount(), 0);
    QVERIFY(session()->isListening());
    QCOMPARE(session()->url(), url); // the same port, even when it was "any free port"
    {
        SessionStore store;
        QVERIFY(store.open(session()->sessionPath()));
        QCOMPARE(store.count(), 0);
    }

    m_network.clearConnectionCache();
    QVERIFY(postAndWait(validToken()));
    QTRY_COMPARE(proxy()->rowCount(), 1);
    QCOMPARE(proxy()->seqAt(0), 1);
}

void TestMainWindow::saveAsAndOpenKeepDeliveries()
{
    showWindow();
    const QString first = session()->sessionPath();
    QVERIFY(postAndWait(validToken()));
    QVERIFY(postAndWait(tamperedToken()));
    QTRY_COMPARE(proxy()->rowCount(), 2);

    const QString copy = m_dir.filePath(QStringLiteral("saved-copy.hookscope"));
    QString error;
    QVERIFY2(session()->saveAs(copy, &error), qPrintable(error));
    QCOMPARE(session()->sessionPath(), copy);
    QVERIFY(m_window->windowTitle().startsWith(QStringLiteral("saved-copy")));
    QCOMPARE(proxy()->rowCount(), 2);
    m_network.clearConnectionCache();
    QVERIFY(postAndWait(validToken()));
    QTRY_COMPARE(proxy()->rowCount(), 3);
    QCOMPARE(proxy()->seqAt(2), 3);

    // The first file kept its two; the copy has three.
    QVERIFY(session()->open(first, session()->options(), &error));
    QTRY_VERIFY(!session()->isLoading());
    QCOMPARE(proxy()->rowCount(), 2);
    QVERIFY(session()->open(copy, session()->options(), &error));
    QTRY_VERIFY(!session()->isLoading());
    QCOMPARE(proxy()->rowCount(), 3);
    QCOMPARE(signatureText(1), QStringLiteral("unverified (no key)"));

    // A new session starts empty; a file that is not a session is refused.
    const QString fresh = m_dir.filePath(QStringLiteral("fresh.hookscope"));
    QVERIFY(session()->startNew(fresh, &error));
    QCOMPARE(proxy()->rowCount(), 0);
    QFile junk(m_dir.filePath(QStringLiteral("junk.hookscope")));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write(QByteArray(4096, 'x'));
    junk.close();
    QVERIFY(!session()->open(junk.fileName(), session()->options(), &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(session()->sessionPath(), fresh);
    QVERIFY(session()->isListening());
}

void TestMainWindow::portInUseOffersAnotherPort()
{
    QTcpServer busy;
    QVERIFY(busy.listen(QHostAddress::LocalHost, 0));
    m_window = makeWindow(QStringLiteral("portInUse"), busy.serverPort());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(!session()->isListening());
    NotListeningBanner *banner = live()->notListeningBanner();
    QVERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(QString::number(busy.serverPort())),
             qPrintable(banner->text()));
    QVERIFY(banner->text().contains(QStringLiteral("in use")));
    QVERIFY(!child<CopyUrlButton>(m_window.get(), "statusUrlButton")->url().isValid());

    child<QPushButton>(banner, "listenOnFreePortButton")->click();
    QVERIFY(session()->isListening());
    QVERIFY(session()->url().port() != busy.serverPort());
    QVERIFY(!banner->isVisible());
    QCOMPARE(child<CopyUrlButton>(m_window.get(), "statusUrlButton")->url(), session()->url());
    QTRY_VERIFY(!session()->isLoading());
    QVERIFY(postAndWait(validToken()));
}

void TestMainWindow::unreadableSessionIsNamed()
{
    QFile junk(m_dir.filePath(QStringLiteral("unreadable.hookscope")));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write(QByteArray(4096, 'x'));
    junk.close();
    m_window = makeWindow(QStringLiteral("unreadable"));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(!session()->isListening());
    NotListeningBanner *banner = live()->notListeningBanner();
    QVERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(QStringLiteral("unreadable.hookscope")),
             qPrintable(banner->text()));
    // Trying again cannot listen without a session, and says so.
    child<QPushButton>(banner, "retryListenButton")->click();
    QVERIFY(!session()->isListening());
    QVERIFY(banner->text().contains(QStringLiteral("no session is open")));
}

void TestMainWindow::responsePresets()
{
    showWindow();
    ResponseMenu *menu = m_window->responseMenu();
    menu->failNext(2);
    QVERIFY(child<QLabel>(m_window.get(), "responseLabel")
                ->text()
                .contains(QStringLiteral("failing the next 2 with 500"), Qt::CaseInsensitive));
    QCOMPARE(post(validToken()), 500);
    QCOMPARE(post(validToken()), 500);
    QCOMPARE(post(validToken()), 200);
    QTRY_COMPARE(proxy()->rowCount(), 3);
    QCOMPARE(proxy()->index(0, DeliveryListModel::AnswerColumn).data().toInt(), 500);

    menu->answerLateAction()->trigger();
    qint64 elapsed = 0;
    QCOMPARE(post(validToken(), "text/plain", QLatin1String(kWebhookPath), &elapsed), 200);
    QVERIFY2(elapsed >= 1250, qPrintable(QString::number(elapsed)));
    QVERIFY(menu->summary().contains(QStringLiteral("1300 ms")));

    menu->answerNormallyAction()->trigger();
    QVERIFY(menu->summary().isEmpty());
    QCOMPARE(post(validToken(), "text/plain", QLatin1String(kWebhookPath), &elapsed), 200);
    QVERIFY(elapsed < 1250);
}

void TestMainWindow::statusBarCountsAndCopiesTheUrl()
{
    showWindow();
    QVERIFY(m_window->keyringStore()->add(QStringLiteral("app"), m_keys.spkiPem));
    QVERIFY(postAndWait(validToken()));
    QVERIFY(postAndWait(tamperedToken()));
    QVERIFY(postAndWait(tamperedToken()));
    QTRY_COMPARE(child<QLabel>(m_window.get(), "deliveryCountLabel")->text(),
                 QStringLiteral("3 deliveries"));
    QCOMPARE(child<QLabel>(m_window.get(), "invalidCountLabel")->text(),
             QStringLiteral("2 invalid"));
    QVERIFY(m_window->captureStatusBar()->rate() > 0.0);
    QTRY_VERIFY(child<QLabel>(m_window.get(), "rateLabel")->text() != QStringLiteral("0.0/s"));

    auto *url = child<CopyUrlButton>(m_window.get(), "statusUrlButton");
    QCOMPARE(url->url(), session()->url());
    url->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), session()->url().toString());
    auto *toolbarUrl = child<CopyUrlButton>(m_window.get(), "toolbarUrlButton");
    QCOMPARE(toolbarUrl->text(), session()->url().toString());
}

void TestMainWindow::autoScrollStopsWhenScrolledUp()
{
    showWindow();
    m_window->resize(900, 500);
    DeliveryTableView *table = live()->table();
    QScrollBar *bar = table->verticalScrollBar();
    DeliveryListModel *model = session()->model();
    qint64 seq = 0;
    const auto addRows = [&](int count) {
        QVector<DeliveryRow> rows;
        for (int i = 0; i < count; ++i) {
            DeliveryRow row;
            row.seq = ++seq;
            row.method = QStringLiteral("POST");
            row.target = QStringLiteral("/x");
            rows.append(row);
        }
        model->appendRows(rows);
    };

    addRows(200);
    QTRY_VERIFY(bar->maximum() > 0);
    QTRY_COMPARE(bar->value(), bar->maximum());
    QVERIFY(table->isFollowing());

    bar->setValue(0);
    QVERIFY(!table->isFollowing());
    QVERIFY(!live()->followAction()->isChecked());
    const int maximum = bar->maximum();
    addRows(50);
    QTRY_VERIFY(bar->maximum() > maximum);
    QCOMPARE(bar->value(), 0);

    bar->setValue(bar->maximum());
    QVERIFY(table->isFollowing());
    addRows(50);
    QTRY_VERIFY(bar->maximum() > maximum);
    QTRY_COMPARE(bar->value(), bar->maximum());
    QVERIFY(live()->followAction()->isChecked());
}

void TestMainWindow::settingsKeepColumnsAndListenAddress()
{
    showWindow();
    QHeaderView *header = live()->table()->horizontalHeader();
    header->resizeSection(DeliveryListModel::EventTypeColumn, 333);
    m_window->close();
    m_tester.reset();
    m_window.reset();

    showWindow(QStringLiteral("settingsKeepColumnsAndListenAddress"));
    QCOMPARE(live()->table()->horizontalHeader()->sectionSize(DeliveryListModel::EventTypeColumn),
             333);

    MainWindowOptions::saveListenAddress(QHostAddress(QStringLiteral("::1")), 9999);
    const MainWindowOptions options = MainWindowOptions::fromSettings();
    QCOMPARE(options.host, QHostAddress(QStringLiteral("::1")));
    QCOMPARE(options.port, quint16(9999));
    QSettings().clear();
    QCOMPARE(MainWindowOptions::fromSettings().port, CaptureOptions::kDefaultPort);
    QCOMPARE(MainWindowOptions::fromSettings().host, QHostAddress(QHostAddress::LocalHost));
}

void TestMainWindow::postAnalysisScript()
{
    QVERIFY(m_window->keyringStore()->add(QStringLiteral("app"), m_keys.spkiPem));
    const QByteArray newest =
        token(contactUpdate(QStringLiteral("entity-a"), 5, QStringLiteral("evt-a5"), 2000));
    QVERIFY(postAndWait(newest));
    QVERIFY(postAndWait(newest));
    QVERIFY(postAndWait(
        token(contactUpdate(QStringLiteral("entity-a"), 3, QStringLiteral("evt-a3"), 4000))));
    QVERIFY(postAndWait(
        token(contactUpdate(QStringLiteral("entity-b"), 1, QStringLiteral("evt-b1"), 1000))));
    QTRY_COMPARE(proxy()->rowCount(), 4);
}

void TestMainWindow::analysisFlagsColumnAndFilter()
{
    showWindow();
    postAnalysisScript();
    QVERIFY(qobject_cast<DeliveryRowDelegate *>(live()->table()->itemDelegate()));

    for (int row = 0; row < 4; ++row) {
        // The column's words are the legend's: AnalysisFlagStyle::flagNames.
        const quint32 flags =
            proxy()->index(row, 0).data(DeliveryListModel::FlagsRole).value<quint32>();
        const QString words = AnalysisFlagStyle::flagNames(flags).join(QStringLiteral(", "));
        QVERIFY2(flagsText(proxy(), row).startsWith(words), qPrintable(flagsText(proxy(), row)));
    }
    QVERIFY2(!flagsText(proxy(), 0).contains(QStringLiteral("duplicate")),
             qPrintable(flagsText(proxy(), 0)));
    QVERIFY2(flagsText(proxy(), 1).startsWith(QStringLiteral("duplicate, same token")),
             qPrintable(flagsText(proxy(), 1)));
    QVERIFY(!flagsText(proxy(), 1).contains(QStringLiteral("retry")));
    QVERIFY2(flagsText(proxy(), 2).contains(QStringLiteral("out of order")),
             qPrintable(flagsText(proxy(), 2)));
    QVERIFY(!flagsText(proxy(), 3).contains(QStringLiteral("out of order")));
    QCOMPARE(AnalysisFlagStyle::categoryOf(
                 proxy()->index(1, 0).data(DeliveryListModel::FlagsRole).toUInt()),
             AnalysisFlagStyle::Category::Redundant);
    // Applied in arrival order, seq 3 after seq 5 leaves entity A stale: that colour wins.
    QVERIFY(flagsText(proxy(), 2).contains(QStringLiteral("stale state")));
    QCOMPARE(AnalysisFlagStyle::categoryOf(
                 proxy()->index(2, 0).data(DeliveryListModel::FlagsRole).toUInt()),
             AnalysisFlagStyle::Category::StaleState);

    FilterLineEdit *filter = live()->filterEdit();
    filter->setText(QStringLiteral("dup:yes"));
    filter->applyNow();
    QCOMPARE(proxy()->rowCount(), 1);
    QCOMPARE(proxy()->seqAt(0), 2);
    filter->setText(QStringLiteral("order:bad"));
    filter->applyNow();
    QCOMPARE(proxy()->rowCount(), 1);
    QCOMPARE(proxy()->seqAt(0), 3);
    filter->setText(QStringLiteral("dup:no"));
    filter->applyNow();
    QCOMPARE(proxy()->rowCount(), 3);
    filter->clear();
    filter->applyNow();
    QCOMPARE(proxy()->rowCount(), 4);
}

void TestMainWindow::detailPaneShowsTheAnalysisWithLinks()
{
    showWindow();
    postAnalysisScript();
    QVERIFY(live()->selectSeq(2));
    QTRY_COMPARE(live()->currentSeq(), 2);
    DeliveryDetailView *detail = live()->detail();
    DeliveryAnalysisPanel *panel = detail->analysisPanel();
    QCOMPARE(panel->seq(), 2);
    QVERIFY2(panel->summaryText().contains(QStringLiteral("duplicate")),
             qPrintable(panel->summaryText()));
    QVERIFY(detail->tabText(detail->indexOf(panel)).startsWith(QStringLiteral("Analysis (")));

    detail->setCurrentWidget(panel);
    QListWidget *findings = panel->findingsList();
    QListWidgetItem *link = nullptr;
    for (int i = 0; i < findings->count() && !link; ++i) {
        if (findings->item(i)->data(DeliveryAnalysisPanel::RelatedSeqRole).toLongLong() == 1)
            link = findings->item(i);
    }
    QVERIFY(link);
    QTRY_VERIFY(findings->isVisible());
    QTest::mouseClick(findings->viewport(), Qt::LeftButton, {},
                      findings->visualItemRect(link).center());
    QTRY_COMPARE(live()->currentSeq(), 1);
    QCOMPARE(proxy()->seqAt(live()->table()->currentIndex().row()), 1);

    // Nothing selected: nothing analysed.
    live()->table()->setCurrentIndex(QModelIndex());
    QTRY_COMPARE(panel->seq(), 0);
}

void TestMainWindow::timelineSelectionFollowsTheList()
{
    showWindow();
    postAnalysisScript();
    AnalysisDocks *docks = m_window->analysisDocks();
    TimelineView *timeline = docks->timeline();
    QTRY_VERIFY(!timeline->visibleRegion().isEmpty());
    QCOMPARE(timeline->model(), session()->analysis()->timeline());
    QCOMPARE(timeline->laneCount(), 2);
    TimelineModel *model = session()->analysis()->timeline();
    QCOMPARE(model->eventCount(), 4);
    QCOMPARE(model->eventAt(model->rowForSeq(2)).stack, 1); // the duplicate stacks
    QCOMPARE(model->eventAt(model->rowForSeq(1)).lane, model->eventAt(model->rowForSeq(3)).lane);
    QVERIFY(model->eventAt(model->rowForSeq(4)).lane != model->eventAt(model->rowForSeq(1)).lane);

    // Timeline to list.
    QTest::mouseClick(timeline->viewport(), Qt::LeftButton, {}, timeline->eventMarkPosition(3));
    QTRY_COMPARE(live()->currentSeq(), 3);
    QCOMPARE(proxy()->seqAt(live()->table()->currentIndex().row()), 3);
    QVERIFY(live()->table()->selectionModel()->isRowSelected(live()->table()->currentIndex().row(),
                                                             QModelIndex()));
    QCOMPARE(timeline->selectedSeq(), 3);

    // List to timeline.
    live()->table()->setCurrentIndex(proxy()->index(3, 0));
    QTRY_COMPARE(timeline->selectedSeq(), 4);
    QVERIFY(live()->selectSeq(2));
    QTRY_COMPARE(timeline->selectedSeq(), 2);

    // A delivery the filter hides is not selected; the status bar says why.
    live()->filterEdit()->setText(QStringLiteral("dup:yes"));
    live()->filterEdit()->applyNow();
    QTest::mouseClick(timeline->viewport(), Qt::LeftButton, {}, timeline->eventMarkPosition(4));
    QTRY_VERIFY(m_window->captureStatusBar()->currentMessage().contains(QStringLiteral("#4")));
    QCOMPARE(live()->currentSeq(), 2);
}

void TestMainWindow::eventGroupsFollowTheList()
{
    showWindow();
    postAnalysisScript();
    AnalysisDocks *docks = m_window->analysisDocks();
    docks->eventGroupsDock()->raise();
    EventGroupsView *groups = docks->eventGroups();
    QTRY_VERIFY(!groups->visibleRegion().isEmpty());
    EventGroupsModel *model = session()->analysis()->eventGroups();
    QCOMPARE(model->groupCount(), 3);
    QCOMPARE(model->groupAt(model->groupRowForSeq(2)).deliveries.size(), 2);

    QVERIFY(live()->selectSeq(2));
    QTRY_COMPARE(groups->tree()->currentIndex().data(EventGroupsModel::SeqRole).toLongLong(),
                 qint64(2));
    QVERIFY(groups->scheduleText().contains(QStringLiteral("#1")));

    const QModelIndex other = model->indexForSeq(4);
    groups->tree()->setCurrentIndex(other);
    QTRY_COMPARE(live()->currentSeq(), 4);
}

void TestMainWindow::expertInfoCountsAndJumps()
{
    showWindow();
    CaptureStatusBar *bar = m_window->captureStatusBar();
    QCOMPARE(bar->findingsText(), QStringLiteral("no findings"));
    postAnalysisScript();
    ExpertInfoModel *model = session()->analysis()->expertInfo();
    QVERIFY(model->totalCount() >= 2);
    QVERIFY(model->count(Severity::Warning) >= 1);
    QTRY_COMPARE(bar->findingsText(), model->countsText());
    QVERIFY2(bar->findingsText().contains(QStringLiteral("warning")),
             qPrintable(bar->findingsText()));

    // The status bar's count opens Expert info.
    ExpertInfoView *view = m_window->analysisDocks()->expertInfo();
    // Tabbed docks behind another stay "visible", with nothing of them shown.
    QVERIFY(view->visibleRegion().isEmpty());
    child<QToolButton>(bar, "expertInfoButton")->click();
    QTRY_VERIFY(!view->visibleRegion().isEmpty());

    // A finding jumps to its delivery.
    const QModelIndex code = model->indexForCode(Severity::Warning, QStringLiteral("order.older"));
    QVERIFY(code.isValid());
    const QModelIndex finding = model->index(0, 0, code);
    QCOMPARE(finding.data(ExpertInfoModel::SeqRole).toLongLong(), qint64(3));
    view->expand(code);
    view->setCurrentIndex(finding);
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Return);
    QTRY_COMPARE(live()->currentSeq(), 3);

    // Cleared together with the list.
    QTimer::singleShot(0, this, [] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        box->button(QMessageBox::Yes)->click();
    });
    live()->clearAction()->trigger();
    QCOMPARE(proxy()->rowCount(), 0);
    QCOMPARE(model->totalCount(), 0);
    QCOMPARE(session()->analysis()->timeline()->eventCount(), 0);
    QCOMPARE(session()->analysis()->eventGroups()->groupCount(), 0);
    QCOMPARE(bar->findingsText(), QStringLiteral("no findings"));
}

void TestMainWindow::compareTwoSelectedDeliveries()
{
    showWindow();
    postAnalysisScript();
    DeliveryTableView *table = live()->table();
    QAction *compare = live()->compareAction();
    QCOMPARE(compare->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_D));
    QVERIFY(!compare->isEnabled());

    QItemSelectionModel *selection = table->selectionModel();
    selection->select(proxy()->index(0, 0),
                      QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QVERIFY(!compare->isEnabled());
    selection->select(proxy()->index(2, 0),
                      QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QVERIFY(compare->isEnabled());
    QCOMPARE(live()->selectedSeqs(), (QVector<qint64>{1, 3}));

    QVERIFY(m_window->isActiveWindow() || QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_D, Qt::ControlModifier);
    CompareDialog *dialog = live()->compareDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(dialog->windowTitle().contains(QStringLiteral("#1 and #3")));
    QVERIFY(dialog->changeCount() > 0);
    QVERIFY2(dialog->diffText().contains(QStringLiteral("entityEventSequence")),
             qPrintable(dialog->diffText()));
    QVERIFY(dialog->diffText().contains(QStringLiteral("evt-a5")));
    QVERIFY(!dialog->diffText().contains(QStringLiteral("iat")));

    // The same token twice decodes the same.
    selection->select(proxy()->index(0, 0),
                      QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    selection->select(proxy()->index(1, 0),
                      QItemSelectionModel::Select | QItemSelectionModel::Rows);
    compare->trigger();
    QCOMPARE(live()->compareDialog(), dialog);
    QCOMPARE(dialog->changeCount(), 0);
    QVERIFY(dialog->summaryText().contains(QStringLiteral("decode the same")));
    dialog->close();
}

void TestMainWindow::viewMenuTogglesTheDocks()
{
    showWindow();
    AnalysisDocks *docks = m_window->analysisDocks();
    QMenu *view = m_window->viewMenu();
    QVERIFY(view);
    const QList<QDockWidget *> all = docks->docks() << m_window->sendPanel();
    for (QDockWidget *dock : all) {
        QVERIFY2(view->actions().contains(dock->toggleViewAction()),
                 qPrintable(dock->objectName()));
    }
    QVERIFY(docks->timelineDock()->isVisible());
    QVERIFY(!docks->legendDock()->isVisible());
    QVERIFY(!docks->latencyDock()->isVisible()); // no forwarded deliveries
    docks->legendDock()->toggleViewAction()->trigger();
    QTRY_VERIFY(docks->legendDock()->isVisible());
    QVERIFY(docks->legendDock()->findChild<QWidget *>(QStringLiteral("flagsLegend")));
    docks->timelineDock()->toggleViewAction()->trigger();
    QTRY_VERIFY(!docks->timelineDock()->isVisible());

    // Closed docks stay closed in the next window.
    m_window->close();
    m_tester.reset();
    m_window.reset();
    showWindow(QStringLiteral("viewMenuTogglesTheDocks"));
    QVERIFY(!m_window->analysisDocks()->timelineDock()->isVisible());
    QVERIFY(m_window->analysisDocks()->legendDock()->isVisible());
}

void TestMainWindow::reopenedSessionKeepsItsAnalysis()
{
    showWindow();
    postAnalysisScript();
    QStringList flags;
    for (int row = 0; row < 4; ++row)
        flags << flagsText(proxy(), row);
    const QString findings = session()->analysis()->expertInfo()->countsText();
    const QString path = session()->sessionPath();

    QString error;
    QVERIFY(session()->startNew(m_dir.filePath(QStringLiteral("other.hookscope")), &error));
    QCOMPARE(session()->analysis()->timeline()->eventCount(), 0);
    QVERIFY2(session()->open(path, session()->options(), &error), qPrintable(error));
    QTRY_VERIFY(!session()->isLoading());
    QCOMPARE(proxy()->rowCount(), 4);
    for (int row = 0; row < 4; ++row)
        QCOMPARE(flagsText(proxy(), row), flags.at(row));
    QCOMPARE(session()->analysis()->expertInfo()->countsText(), findings);
    QCOMPARE(session()->analysis()->timeline()->laneCount(), 2);
    QCOMPARE(session()->analysis()->eventGroups()->groupCount(), 3);
    QCOMPARE(m_window->captureStatusBar()->findingsText(), findings);

    // New deliveries go on from there: the same event again is still a duplicate.
    m_network.clearConnectionCache();
    QVERIFY(postAndWait(
        token(contactUpdate(QStringLiteral("entity-b"), 1, QStringLiteral("evt-b1"), 1000))));
    QTRY_COMPARE(proxy()->rowCount(), 5);
    QVERIFY2(flagsText(proxy(), 4).startsWith(QStringLiteral("duplicate")),
             qPrintable(flagsText(proxy(), 4)));
    QCOMPARE(session()->analysis()->timeline()->eventCount(), 5);
}

void TestMainWindow::forwardModeShowsTheLatencyChart()
{
    showWindow();
    AnalysisDocks *docks = m_window->analysisDocks();
    QVERIFY(!docks->latencyDock()->isVisible());

    // The developer's handler: answers 200 to anything.
    QTcpServer handler;
    QVERIFY(handler.listen(QHostAddress::LocalHost, 0));
    connect(&handler, &QTcpServer::newConnection, &handler, [&handler] {
        while (QTcpSocket *socket = handler.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                socket->readAll();
                socket->write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                socket->disconnectFromHost();
            });
        }
    });
    // Capture > Listen address sets forward mode; a URL that is not http(s) is refused.
    const QString forward = QStringLiteral("http://127.0.0.1:%1/hook").arg(handler.serverPort());
    QTimer::singleShot(0, this, [forward] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        auto *edit = child<QLineEdit>(dialog, "listenForwardEdit");
        QPushButton *ok = nullptr;
        for (QPushButton *button : dialog->findChildren<QPushButton *>()) {
            if (button->text().contains(QStringLiteral("OK")))
                ok = button;
        }
        QVERIFY(ok && ok->isEnabled());
        edit->setText(QStringLiteral("ftp://example.com/"));
        QVERIFY(!ok->isEnabled());
        QVERIFY(child<QLabel>(dialog, "listenWarning")->text().contains(QStringLiteral("ftp")));
        edit->setText(forward);
        QVERIFY(ok->isEnabled());
        ok->click();
    });
    m_window->editListenAddress();
    QCOMPARE(session()->options().forwardUrl, QUrl(forward));
    QVERIFY(session()->isListening());
    QCOMPARE(post(validToken()), 200);
    QTRY_COMPARE(session()->analysis()->forwardLatency()->rowCount(), 1);
    QTRY_VERIFY(docks->latencyDock()->isVisible());

    // A handler that is gone: answered 502, and Wix would retry.
    handler.close();
    m_network.clearConnectionCache();
    QCOMPARE(post(validToken()), 502);
    QTRY_COMPARE(session()->analysis()->forwardLatency()->rowCount(), 2);
    QCOMPARE(session()->analysis()->forwardLatency()->wouldRetryCount(), 1);
    QVERIFY2(docks->latency()->countText().startsWith(QStringLiteral("1 delivery Wix would retry")),
             qPrintable(docks->latency()->countText()));
    QTRY_COMPARE(proxy()->rowCount(), 2);
    QVERIFY(flagsText(proxy(), 1).contains(QStringLiteral("Wix would retry")));

    // Selecting in the list marks the chart.
    QVERIFY(live()->selectSeq(2));
    QTRY_COMPARE(docks->latency()->findChild<LatencyChartView *>()->selectedSeq(), 2);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
