#include "analysisdocks.h"
#include "capturesession.h"
#include "comparedialog.h"
#include "decodedtab.h"
#include "deliverydetailview.h"
#include "deliveryfilterproxymodel.h"
#include "deliverytableview.h"
#include "eventgroupsview.h"
#include "expertinfoview.h"
#include "httptab.h"
#include "jwtvalidatordialog.h"
#include "keyringdialog.h"
#include "keyringstore.h"
#include "livecaptureview.h"
#include "mainwindow.h"
#include "models/deliverylistmodel.h"
#include "models/jsontreemodel.h"
#include "models/timelinemodel.h"
#include "testkeys.h"
#include "timelineview.h"
#include "tokenfactory.h"

#include <QAbstractItemView>
#include <QDockWidget>
#include <QHeaderView>
#include <QHelpEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QTableView>
#include <QTabWidget>
#include <QTcpSocket>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextEdit>
#include <QToolTip>
#include <QTreeView>
#include <QtTest>

#include <memory>

using namespace TokenFactory;

// Issue 8, security: a payload is data, never markup. Deliveries carry HTML in every
// part Wix or an attacker controls (event data, identity, instance, entity, headers,
// path, body, even the JWT header), and every view of the main window, its dialogs
// and every tooltip must show it as the literal text it is.
//
// How it is checked: item views paint DisplayRole through QStyledItemDelegate or
// delegates that draw with QPainter::drawText (nothing in ui/ renders a
// QTextDocument), so cells are literal by construction and their text is collected.
// Tooltips and labels are where Qt guesses rich text (Qt::mightBeRichText): every
// tooltip is really shown (a QHelpEvent on the cell) and what QToolTip then renders
// must still hold each marker literally; every label holding a marker must be
// rendered as plain text; no text edit may hold an image or a link.
class TestPayloadMarkup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void listCellsAndTooltips();
    void detailTabs();
    void analysisViews();
    void compareDialog();
    void validatorAndKeyringDialogs();
    void everyLabelAndWidgetTooltipOfTheWindow();

private:
    int postRaw(const QByteArray &method, const QByteArray &target,
                const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body);
    QByteArray token(const QJsonObject &envelope) const;
    // Every text `root`'s visible item views show (cells and tooltips, shown for real),
    // every label and plain text edit; fails on markup that was rendered.
    void sweep(QWidget *root, QString *seen);
    void sweepView(QAbstractItemView *view, QString *seen);
    void sweepIndexes(QAbstractItemView *view, const QModelIndex &parent, QString *seen);
    void showToolTipAt(QWidget *target, const QPoint &pos, const QString &source,
                       const QString &where, QString *seen);
    qint64 seqOfRow(int row) const;

    QTemporaryDir m_dir;
    TestKeyPair m_keys;
    std::unique_ptr<MainWindow> m_window;
    QByteArray m_firstToken;
    QByteArray m_badHeaderToken;
};

namespace {
// No quotes or backslashes: they must survive JSON escaping unchanged.
const QString kImage = QStringLiteral("<img src=file:///tmp/hookscope-probe.png>");
const QString kLink = QStringLiteral("<a href=https://evil.example/>click</a>");
const QString kBold = QStringLiteral("<b>bold</b>");
const QString kEntity = QStringLiteral("&lt;entity&gt;"); // rich text would show "<entity>"

QStringList markers()
{
    return {kImage, kLink, kBold, kEntity};
}

// What Qt shows for a tooltip, or for a label in Qt::AutoText.
QString rendered(const QString &text)
{
    if (!Qt::mightBeRichText(text))
        return text;
    QTextDocument document;
    document.setHtml(text);
    return document.toPlainText();
}

QString renderedLabel(const QLabel *label)
{
    switch (label->textFormat()) {
    case Qt::PlainText:
        return label->text();
    case Qt::RichText: {
        QTextDocument document;
        document.setHtml(label->text());
        return document.toPlainText();
    }
    default:
        return rendered(label->text());
    }
}

// The first node (depth first) whose key is `key`.
QModelIndex findKey(const QAbstractItemModel *model, const QModelIndex &parent, const QString &key)
{
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, JsonTreeModel::KeyColumn, parent);
        if (index.data().toString() == key)
            return index;
        if (const QModelIndex found = findKey(model, index, key); found.isValid())
            return found;
    }
    return {};
}

bool containsAnyMarker(const QString &text)
{
    for (const QString &marker : markers()) {
        if (text.contains(marker))
            return true;
    }
    return false;
}

// Each marker that `source` holds must still be there once shown.
QString lostMarkers(const QString &source, const QString &shown)
{
    QStringList lost;
    for (const QString &marker : markers()) {
        if (source.contains(marker) && !shown.contains(marker))
            lost << marker;
    }
    return lost.join(QStringLiteral(", "));
}

QString describe(const QObject *object)
{
    return QStringLiteral("%1 \"%2\"")
        .arg(QLatin1String(object->metaObject()->className()), object->objectName());
}

QJsonObject hostileEnvelope(const QString &example, const QString &eventId, int sequence)
{
    QJsonObject envelope = loadExample(example);
    envelope.insert(QStringLiteral("instanceId"), kImage);
    QJsonObject data = envelope.value(QStringLiteral("data")).toObject();
    data.insert(QStringLiteral("id"), eventId);
    data.insert(QStringLiteral("entityId"), kLink);
    data.insert(QStringLiteral("entityEventSequence"), QString::number(sequence));
    data.insert(QStringLiteral("eventTime"),
                QDateTime::currentDateTimeUtc().addSecs(-sequence).toString(Qt::ISODateWithMs));
    data.insert(QStringLiteral("note"), kEntity + QLatin1Char(' ') + kBold);
    data.insert(kBold, kImage); // a key made of markup, so a JSON path holds it too
    envelope.insert(QStringLiteral("data"), data);
    envelope.insert(QStringLiteral("identity"),
                    QJsonObject{{QStringLiteral("identityType"), QStringLiteral("MEMBER")},
                                {QStringLiteral("memberId"), kBold}});
    return envelope;
}
} // namespace

void TestPayloadMarkup::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("HookscopeMarkupTest"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    m_keys = TestKeyPair::generate();

    MainWindowOptions options;
    options.sessionPath = m_dir.filePath(QStringLiteral("markup.hookscope"));
    options.port = 0;
    m_window = std::make_unique<MainWindow>(options);
    m_window->resize(1600, 1000);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    CaptureSession *session = m_window->captureSession();
    QTRY_VERIFY(!session->isLoading());
    QVERIFY2(session->isListening(), qPrintable(session->listenError()));
    QVERIFY(m_window->keyringStore()->add(QStringLiteral("app"), m_keys.spkiPem));

    const QList<QPair<QByteArray, QByteArray>> headers = {
        {"Content-Type", "text/plain"},
        {"X-Probe", kImage.toLatin1()},
        {"X-Link", kLink.toLatin1()},
    };
    // The path is percent-encoded on the wire and decoded when captured.
    const QByteArray path =
        "/hook/" + QUrl::toPercentEncoding(kBold, "/") + "?q=" + QUrl::toPercentEncoding(kImage);

    m_firstToken = token(
        hostileEnvelope(QStringLiteral("contact_created.json"), QStringLiteral("event-1"), 5));
    QCOMPARE(postRaw("POST", path, headers, m_firstToken), 200);
    QCOMPARE(postRaw("POST", path, headers, m_firstToken), 200); // a redundant copy
    // An older update of the same entity: out of order.
    QCOMPARE(postRaw("POST", path, headers,
                     token(hostileEnvelope(QStringLiteral("contact_updated.json"),
                                           QStringLiteral("event-2"), 3))),
             200);
    // An event type made of markup.
    QJsonObject typed =
        hostileEnvelope(QStringLiteral("contact_updated.json"), QStringLiteral("event-3"), 7);
    typed.insert(QStringLiteral("eventType"), kBold);
    QCOMPARE(postRaw("POST", path, headers, token(typed)), 200);
    // A JWT header of markup: its verdict message quotes it.
    const QJsonObject badHeader{{QStringLiteral("alg"), kBold}, {QStringLiteral("kid"), kImage}};
    m_badHeaderToken = replaceSegment(
        m_firstToken, 0, encode(QJsonDocument(badHeader).toJson(QJsonDocument::Compact)));
    QCOMPARE(postRaw("POST", path, headers, m_badHeaderToken), 200);
    // Bodies that are not JWTs.
    QCOMPARE(postRaw("POST", path, {{"Content-Type", "application/json"}},
                     QJsonDocument(QJsonObject{{QStringLiteral("html"), kImage},
                                               {QStringLiteral("link"), kLink}})
                         .toJson(QJsonDocument::Compact)),
             200);
    QCOMPARE(
        postRaw("PUT", path, {{"Content-Type", "text/html"}}, (kLink + kBold + kEntity).toUtf8()),
        200);
    QTRY_COMPARE(m_window->liveView()->proxy()->rowCount(), 7);
}

void TestPayloadMarkup::cleanupTestCase()
{
    m_window.reset();
}

int TestPayloadMarkup::postRaw(const QByteArray &method, const QByteArray &target,
                               const QList<QPair<QByteArray, QByteArray>> &headers,
                               const QByteArray &body)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost,
                         quint16(m_window->captureSession()->url().port()));
    if (!socket.waitForConnected(5000))
        return -1;
    QByteArray request = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const auto &header : headers)
        request += header.first + ": " + header.second + "\r\n";
    request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    socket.write(request);
    QByteArray answer;
    // The window's own thread handles what the capture thread commits: keep it running.
    if (!QTest::qWaitFor(
            [&] {
                answer += socket.readAll();
                return answer.contains("\r\n\r\n");
            },
            10000))
        return -1;
    return answer.mid(9, 3).toInt();
}

QByteArray TestPayloadMarkup::token(const QJsonObject &envelope) const
{
    return signRs256(wixClaims(envelope, QDateTime::currentSecsSinceEpoch() - 2),
                     m_keys.privateKey);
}

qint64 TestPayloadMarkup::seqOfRow(int row) const
{
    return m_window->liveView()->proxy()->seqAt(row);
}

void TestPayloadMarkup::showToolTipAt(QWidget *target, const QPoint &pos, const QString &source,
                                      const QString &where, QString *seen)
{
    QToolTip::hideText();
    QHelpEvent help(QEvent::ToolTip, pos, target->mapToGlobal(pos));
    QApplication::sendEvent(target, &help);
    if (source.isEmpty())
        return;
    QVERIFY2(QTest::qWaitFor([] { return QToolTip::isVisible(); }, 2000),
             qPrintable(where + QStringLiteral(": no tooltip shown for ") + source.left(200)));
    const QString shown = rendered(QToolTip::text());
    const QString lost = lostMarkers(source, shown);
    QVERIFY2(lost.isEmpty(), qPrintable(QStringLiteral("%1: the tooltip rendered %2 as markup; "
                                                       "it shows \"%3\"")
                                            .arg(where, lost, shown.left(300))));
    *seen += shown + QLatin1Char('\n');
    QToolTip::hideText();
}

void TestPayloadMarkup::sweepIndexes(QAbstractItemView *view, const QModelIndex &parent,
                                     QString *seen)
{
    QAbstractItemModel *model = view->model();
    for (int row = 0; row < model->rowCount(parent); ++row) {
        for (int column = 0; column < model->columnCount(parent); ++column) {
            const QModelIndex index = model->index(row, column, parent);
            *seen += index.data(Qt::DisplayRole).toString() + QLatin1Char('\n');
            const QString tip = index.data(Qt::ToolTipRole).toString();
            if (auto *tree = qobject_cast<QTreeView *>(view); tree && tree->isColumnHidden(column))
                continue;
            view->scrollTo(index);
            const QRect rect = view->visualRect(index);
            if (rect.isEmpty() || !view->viewport()->rect().intersects(rect))
                continue;
            const QPoint at = rect.intersected(view->viewport()->rect()).center();
            if (view->indexAt(at) != index)
                continue; // covered by a spanning cell
            showToolTipAt(
                view->viewport(), at, tip,
                QStringLiteral("%1 row %2 column %3").arg(describe(view)).arg(row).arg(column),
                seen);
            if (QTest::currentTestFailed())
                return;
        }
        const QModelIndex first = model->index(row, 0, parent);
        if (model->hasChildren(first)) {
            sweepIndexes(view, first, seen);
            if (QTest::currentTestFailed())
                return;
        }
    }
}

void TestPayloadMarkup::sweepView(QAbstractItemView *view, QString *seen)
{
    if (auto *tree = qobject_cast<QTreeView *>(view))
        tree->expandAll();
    sweepIndexes(view, QModelIndex(), seen);
    if (QTest::currentTestFailed())
        return;
    // Header tooltips (an added column is named by its JSON path).
    QHeaderView *header = nullptr;
    if (auto *tree = qobject_cast<QTreeView *>(view))
        header = tree->header();
    else if (auto *table = qobject_cast<QTableView *>(view))
        header = table->horizontalHeader();
    if (!header || !header->isVisible())
        return;
    QAbstractItemModel *model = view->model();
    for (int section = 0; section < header->count(); ++section) {
        if (header->isSectionHidden(section))
            continue;
        const QString title = model->headerData(section, Qt::Horizontal).toString();
        const QString tip = model->headerData(section, Qt::Horizontal, Qt::ToolTipRole).toString();
        *seen += title + QLatin1Char('\n');
        if (model->rowCount() > 0)
            view->scrollTo(model->index(0, section));
        const int x = header->sectionViewportPosition(section) + header->sectionSize(section) / 2;
        if (x < 0 || x >= header->viewport()->width())
            continue;
        // The header's tooltip is its model's ToolTipRole, shown as Qt shows it.
        showToolTipAt(header->viewport(), QPoint(x, header->height() / 2),
                      tip.isEmpty() ? QString() : rendered(tip),
                      QStringLiteral("%1 header %2").arg(describe(view)).arg(section), seen);
        if (QTest::currentTestFailed())
            return;
    }
}

void TestPayloadMarkup::sweep(QWidget *root, QString *seen)
{
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *widget : std::as_const(widgets)) {
        if (!widget->isVisible())
            continue;
        // A widget's own tooltip: it must not carry payload markup that Qt would render.
        const QString tip = widget->toolTip();
        QVERIFY2(lostMarkers(tip, rendered(tip)).isEmpty(),
                 qPrintable(describe(widget) + QStringLiteral(": tooltip ") + tip));
        *seen += rendered(tip) + QLatin1Char('\n');
        if (auto *label = qobject_cast<QLabel *>(widget)) {
            if (QLatin1String(label->metaObject()->className()) == QLatin1String("QTipLabel"))
                continue; // Qt's tooltip itself: checked where it was shown
            const QString shown = renderedLabel(label);
            QVERIFY2(lostMarkers(label->text(), shown).isEmpty(),
                     qPrintable(describe(label) + QStringLiteral(" renders its text as markup: ") +
                                label->text()));
            *seen += shown + QLatin1Char('\n');
        } else if (auto *plain = qobject_cast<QPlainTextEdit *>(widget)) {
            *seen += plain->toPlainText() + QLatin1Char('\n');
        } else if (auto *edit = qobject_cast<QTextEdit *>(widget)) {
            for (QTextBlock block = edit->document()->begin(); block.isValid();
                 block = block.next()) {
                for (auto it = block.begin(); !it.atEnd(); ++it) {
                    const QTextCharFormat format = it.fragment().charFormat();
                    QVERIFY2(!format.isImageFormat() && !format.isAnchor(),
                             qPrintable(describe(edit) + QStringLiteral(" holds rendered markup")));
                }
            }
            *seen += edit->toPlainText() + QLatin1Char('\n');
        } else if (auto *view = qobject_cast<QAbstractItemView *>(widget)) {
            sweepView(view, seen);
        }
        if (QTest::currentTestFailed())
            return;
    }
}

void TestPayloadMarkup::listCellsAndTooltips()
{
    LiveCaptureView *live = m_window->liveView();
    // A column added from a JSON path made of markup shows markup values.
    live->selectSeq(seqOfRow(0));
    QTRY_VERIFY(live->currentDelivery().has_value());
    const QModelIndex keyed = findKey(live->detail()->decodedTab()->model(), QModelIndex(), kBold);
    QVERIFY2(keyed.isValid(), "the decoded tree has no node for the markup key");
    live->addColumn(keyed.data(JsonTreeModel::PathRole).toString());
    QTRY_VERIFY(live->proxy()
                    ->index(0, live->proxy()->columnCount() - 1)
                    .data()
                    .toString()
                    .contains(kImage));

    QString seen;
    sweep(live->table(), &seen);
    QVERIFY(!QTest::currentTestFailed());
    // Instance, entity, identity, path and the added column (the note is no column).
    for (const QString &marker : {kImage, kLink, kBold})
        QVERIFY2(seen.contains(marker),
                 qPrintable(QStringLiteral("the list never shows ") + marker));
}

void TestPayloadMarkup::detailTabs()
{
    LiveCaptureView *live = m_window->liveView();
    DeliveryDetailView *detail = live->detail();
    QString seen;
    for (int row = 0; row < live->proxy()->rowCount(); ++row) {
        QVERIFY(live->selectSeq(seqOfRow(row)));
        QTRY_COMPARE(live->currentSeq(), seqOfRow(row));
        for (int tab = 0; tab < detail->count(); ++tab) {
            if (!detail->isTabEnabled(tab) || !detail->isTabVisible(tab))
                continue;
            detail->setCurrentIndex(tab);
            QCoreApplication::processEvents();
            sweep(detail->currentWidget(), &seen);
            if (QTest::currentTestFailed())
                QFAIL(qPrintable(
                    QStringLiteral("row %1, tab %2").arg(row).arg(detail->tabText(tab))));
        }
    }
    for (const QString &marker : markers())
        QVERIFY2(seen.contains(marker),
                 qPrintable(QStringLiteral("the detail tabs never show ") + marker));
    // The HTTP tab quotes the headers and the decoded path literally.
    QVERIFY(live->selectSeq(seqOfRow(0)));
    QTRY_COMPARE(live->currentSeq(), seqOfRow(0));
    const QString http = detail->httpTab()->toPlainText();
    QVERIFY2(http.contains(QStringLiteral("X-Probe: ") + kImage), qPrintable(http.left(500)));
    QVERIFY2(http.contains(QStringLiteral("/hook/") + kBold), qPrintable(http.left(500)));
}

void TestPayloadMarkup::analysisViews()
{
    AnalysisDocks *docks = m_window->analysisDocks();
    for (QDockWidget *dock :
         {docks->timelineDock(), docks->eventGroupsDock(), docks->expertInfoDock()}) {
        dock->setFloating(true); // each in full view, not tabbed behind another
        dock->resize(1400, 500);
        dock->show();
        QVERIFY(QTest::qWaitForWindowExposed(dock));
    }

    // Timeline: hover over every event and every arrival.
    TimelineView *timeline = docks->timeline();
    timeline->fitAll();
    QCoreApplication::processEvents();
    QString timelineSeen;
    int hovered = 0;
    for (int i = 0; i < m_window->liveView()->proxy()->rowCount(); ++i) {
        const qint64 seq = seqOfRow(i);
        const QString source = timeline->model()->summary(timeline->model()->rowForSeq(seq));
        for (const QPoint &at :
             {timeline->eventMarkPosition(seq), timeline->arrivalMarkPosition(seq)}) {
            if (at.isNull() || timeline->seqAt(at) != seq)
                continue;
            showToolTipAt(timeline->viewport(), at, source, QStringLiteral("timeline #%1").arg(seq),
                          &timelineSeen);
            QVERIFY(!QTest::currentTestFailed());
            ++hovered;
        }
    }
    QVERIFY2(hovered > 0, "no timeline mark to hover");
    // The lane is the entity; one event's type is markup.
    QVERIFY2(timelineSeen.contains(kLink), qPrintable(timelineSeen.left(500)));
    QVERIFY2(timelineSeen.contains(kBold), qPrintable(timelineSeen.left(500)));

    QString groups;
    sweep(docks->eventGroups(), &groups);
    QVERIFY(!QTest::currentTestFailed());
    QVERIFY2(groups.contains(kBold), qPrintable(groups.left(800)));
    QString expert;
    sweep(docks->expertInfo(), &expert);
    QVERIFY(!QTest::currentTestFailed());
    QVERIFY2(containsAnyMarker(expert), qPrintable(expert.left(800)));
}

void TestPayloadMarkup::compareDialog()
{
    LiveCaptureView *live = m_window->liveView();
    // The first delivery against the one whose event type is markup.
    live->table()->clearSelection();
    const QItemSelectionModel::SelectionFlags flags =
        QItemSelectionModel::Select | QItemSelectionModel::Rows;
    live->table()->selectionModel()->select(live->proxy()->index(0, 0), flags);
    live->table()->selectionModel()->select(live->proxy()->index(3, 0), flags);
    QCOMPARE(live->selectedSeqs().size(), 2);
    live->compareSelected();
    CompareDialog *dialog = live->compareDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QTRY_VERIFY(dialog->changeCount() > 0);
    QString seen;
    sweep(dialog, &seen);
    QVERIFY(!QTest::currentTestFailed());
    // The two differ in their event type, one of them markup.
    QVERIFY2(seen.contains(kBold), qPrintable(seen.left(800)));
    dialog->close();
}

void TestPayloadMarkup::validatorAndKeyringDialogs()
{
    m_window->openValidator();
    JwtValidatorDialog *validator = m_window->validatorDialog();
    QVERIFY(validator);
    QVERIFY(QTest::qWaitForWindowExposed(validator));
    for (const QByteArray &token : {m_firstToken, m_badHeaderToken}) {
        validator->setTokenText(QString::fromLatin1(token));
        validator->setKeyText(QString::fromLatin1(m_keys.spkiPem));
        validator->revalidateNow();
        QString seen;
        sweep(validator, &seen);
        QVERIFY(!QTest::currentTestFailed());
        QVERIFY2(seen.contains(kBold), qPrintable(seen.left(800)));
    }
    validator->close();

    // The keyring dialog names the selected delivery it tests keys against.
    LiveCaptureView *live = m_window->liveView();
    QVERIFY(live->selectSeq(seqOfRow(0)));
    QTRY_COMPARE(live->currentSeq(), seqOfRow(0));
    m_window->openKeyring();
    KeyringDialog *keyring = m_window->keyringDialog();
    QVERIFY(keyring);
    QVERIFY(QTest::qWaitForWindowExposed(keyring));
    keyring->selectRow(0);
    keyring->testSelectedKey();
    QString seen;
    sweep(keyring, &seen);
    QVERIFY(!QTest::currentTestFailed());
    QVERIFY2(containsAnyMarker(seen), qPrintable(seen.left(800)));
    keyring->close();
}

void TestPayloadMarkup::everyLabelAndWidgetTooltipOfTheWindow()
{
    // With a delivery of markup selected and every dock shown: the whole window,
    // status bar included. The status bar's messages are painted with drawText.
    LiveCaptureView *live = m_window->liveView();
    QVERIFY(live->selectSeq(seqOfRow(3)));
    QTRY_COMPARE(live->currentSeq(), seqOfRow(3));
    m_window->statusBar()->showMessage(QStringLiteral("Session: ") + kImage);
    QString seen;
    sweep(m_window.get(), &seen);
    QVERIFY(!QTest::currentTestFailed());
    for (const QLabel *label : m_window->findChildren<QLabel *>()) {
        if (QLatin1String(label->metaObject()->className()) == QLatin1String("QTipLabel"))
            continue;
        QVERIFY2(label->textFormat() == Qt::PlainText,
                 qPrintable(describe(label) + QStringLiteral(": ") + label->text()));
    }
}

QTEST_MAIN(TestPayloadMarkup)
#include "tst_payloadmarkup.moc"
