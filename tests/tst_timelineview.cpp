#include "analysisfixtures.h"
#include "analysisflagstyle.h"
#include "models/deliverylistmodel.h"
#include "models/timelinemodel.h"
#include "plaintooltip.h"
#include "timelineview.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QHelpEvent>
#include <QScrollBar>
#include <QTableView>
#include <QToolTip>
#include <QtTest>

using namespace AnalysisFixtures;

class TestTimelineView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lanesPerEntityInstanceAndLegacy();
    void lanesArePainted();
    void hitTestFindsEveryMark();
    void clickEmitsDeliverySelected();
    void selectionKeptInStepWithTheList();
    void selectScrollsIntoView();
    void zoomAndPan();
    void hoverShowsEscapedSummary();
    void tenThousandEventsAppendWithoutReset();
};

namespace {
// Two entities, a legacy lane and a request that is no Wix event:
// #2 jumps a sequence (gap), #3 arrives older (out of order, stale), #4 is answered
// 500 and #5 is Wix's retry of it (stacked), #7 repeats legacy #6 (redundant).
QVector<Delivery> scripted()
{
    const qint64 s = 1000;
    return analysed({
        contactEvent(1, kT0, QStringLiteral("a"), 1, QStringLiteral("ev-a1"), kT0 - 100, 200,
                     WixEventKind::Created),
        contactEvent(2, kT0 + 1 * s, QStringLiteral("a"), 3, QStringLiteral("ev-a3"),
                     kT0 + 1 * s - 100),
        contactEvent(3, kT0 + 2 * s, QStringLiteral("a"), 2, QStringLiteral("ev-a2"), kT0 + 500),
        contactEvent(4, kT0 + 3 * s, QStringLiteral("b"), 1, QStringLiteral("ev-b1"),
                     kT0 + 3 * s - 200, 500, WixEventKind::Created),
        contactEvent(5, kT0 + 5 * s, QStringLiteral("b"), 1, QStringLiteral("ev-b1"),
                     kT0 + 3 * s - 200, 200, WixEventKind::Created),
        legacyEvent(6, kT0 + 6 * s, "digest-1"),
        legacyEvent(7, kT0 + 7 * s, "digest-1"),
        plainPost(8, kT0 + 8 * s),
    });
}

bool imageHasColor(const QImage &image, const QColor &color)
{
    const QRgb wanted = color.rgb();
    for (int y = 0; y < image.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            if ((line[x] & 0xffffff) == (wanted & 0xffffff))
                return true;
        }
    }
    return false;
}

void sendWheel(QWidget *target, const QPoint &pos, int angleY, Qt::KeyboardModifiers modifiers)
{
    QWheelEvent wheel(QPointF(pos), QPointF(target->mapToGlobal(pos)), QPoint(), QPoint(0, angleY),
                      Qt::NoButton, modifiers, Qt::NoScrollPhase, false);
    QApplication::sendEvent(target, &wheel);
}

struct Fixture
{
    TimelineModel model;
    TimelineView view;
    explicit Fixture(const QVector<Delivery> &deliveries, QSize size = QSize(900, 360))
    {
        view.setModel(&model);
        view.resize(size);
        view.show();
        model.appendDeliveries(deliveries);
    }
};
} // namespace

void TestTimelineView::lanesPerEntityInstanceAndLegacy()
{
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVector<Delivery> deliveries = scripted();
    Delivery app;
    app.seq = 9;
    app.arrivalMs = kT0 + 9000;
    app.event.shape = WixEventShape::AppManagement;
    app.event.instanceId = QStringLiteral("inst-2");
    app.event.eventType = QStringLiteral("AppInstalled");
    deliveries.append(app);
    model.appendDeliveries(deliveries);

    QCOMPARE(model.rowCount(), 9);
    QCOMPARE(model.laneCount(), 5);
    QStringList labels;
    for (int lane = 0; lane < model.laneCount(); ++lane)
        labels << model.laneAt(lane).label;
    QCOMPARE(labels, (QStringList{"wix.contacts.v4.contact/a", "wix.contacts.v4.contact/b",
                                  "legacy · inst-1", "not a Wix event", "app events · inst-2"}));
    // The retry of #4 stacks above it, at the same event time.
    const TimelineEvent &retry = model.eventAt(model.rowForSeq(5));
    const TimelineEvent &first = model.eventAt(model.rowForSeq(4));
    QCOMPARE(retry.stack, 1);
    QCOMPARE(first.stack, 0);
    QCOMPARE(retry.eventTimeMs, first.eventTimeMs);
    QVERIFY(retry.flags & FlagDuplicateRetry);
    QVERIFY(model.eventAt(model.rowForSeq(3)).flags & FlagOutOfOrder);
    QVERIFY(model.eventAt(model.rowForSeq(2)).flags & FlagSequenceGap);
    // No event time: drawn at the arrival.
    const TimelineEvent &plain = model.eventAt(model.rowForSeq(8));
    QVERIFY(!plain.hasEventTime);
    QCOMPARE(plain.eventTimeMs, double(plain.arrivalMs));
    QCOMPARE(model.laneAt(1).maxStack, 1);
}

void TestTimelineView::lanesArePainted()
{
    Fixture f(scripted());
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    QCOMPARE(f.view.laneCount(), 4);
    for (int lane = 0; lane < 4; ++lane) {
        const QRect rect = f.view.laneRect(lane);
        QVERIFY2(f.view.viewport()->rect().contains(rect.center()),
                 qPrintable(QString::number(lane)));
        QCOMPARE(f.view.laneAt(rect.center().y()), lane);
    }
    const QImage image = f.view.viewport()->grab().toImage();
    using C = AnalysisFlagStyle::Category;
    for (const C category : {C::OutOfOrder, C::StaleState, C::Retry, C::Redundant, C::None}) {
        if (category == C::OutOfOrder)
            continue; // #3 is out of order and stale: it is painted in the stale colour
        QVERIFY2(imageHasColor(image, AnalysisFlagStyle::markColor(category)),
                 qPrintable(AnalysisFlagStyle::title(category)));
    }
    QVERIFY(imageHasColor(image, AnalysisFlagStyle::markColor(C::SequenceGap)));
    QVERIFY(!imageHasColor(image, AnalysisFlagStyle::markColor(C::BadSignature)));
}

void TestTimelineView::hitTestFindsEveryMark()
{
    Fixture f(scripted());
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    for (qint64 seq = 1; seq <= 8; ++seq) {
        const QPoint mark = f.view.eventMarkPosition(seq);
        QVERIFY2(!mark.isNull(), qPrintable(QString::number(seq)));
        QCOMPARE(f.view.seqAt(mark), seq);
        QCOMPARE(f.view.seqAt(f.view.arrivalMarkPosition(seq)), seq);
    }
    // The retry is stacked above the delivery it repeats.
    QVERIFY(f.view.eventMarkPosition(5).y() < f.view.eventMarkPosition(4).y());
    QCOMPARE(f.view.eventMarkPosition(5).x(), f.view.eventMarkPosition(4).x());
    QCOMPARE(f.view.seqAt(QPoint(5, 5)), qint64(0));
    QCOMPARE(f.view.seqAt(QPoint(f.view.viewport()->width() - 3, f.view.laneRect(0).top() + 2)),
             qint64(0));
}

void TestTimelineView::clickEmitsDeliverySelected()
{
    Fixture f(scripted());
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    QSignalSpy selected(&f.view, &TimelineView::deliverySelected);
    QTest::mouseClick(f.view.viewport(), Qt::LeftButton, {}, f.view.eventMarkPosition(3));
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.at(0).at(0).toLongLong(), qint64(3));
    QCOMPARE(f.view.selectedSeq(), qint64(3));
    // Empty space selects nothing.
    QTest::mouseClick(f.view.viewport(), Qt::LeftButton, {},
                      QPoint(f.view.viewport()->width() - 3, f.view.laneRect(3).bottom() - 1));
    QCOMPARE(selected.size(), 1);
    QCOMPARE(f.view.selectedSeq(), qint64(3));
    // The programmatic side does not echo.
    f.view.selectDelivery(5);
    QCOMPARE(f.view.selectedSeq(), qint64(5));
    QCOMPARE(selected.size(), 1);
}

void TestTimelineView::selectionKeptInStepWithTheList()
{
    // Wired as the window will: list selection -> timeline, timeline click -> list.
    const QVector<Delivery> deliveries = scripted();
    DeliveryListModel listModel;
    listModel.appendDeliveries(deliveries);
    QTableView list;
    list.setModel(&listModel);
    list.setSelectionBehavior(QAbstractItemView::SelectRows);
    Fixture f(deliveries);
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    connect(list.selectionModel(), &QItemSelectionModel::currentRowChanged, &f.view,
            [&](const QModelIndex &current) {
                f.view.selectDelivery(current.data(DeliveryListModel::SeqRole).toLongLong());
            });
    connect(&f.view, &TimelineView::deliverySelected, &list, [&](qint64 seq) {
        list.selectionModel()->setCurrentIndex(listModel.index(listModel.rowForSeq(seq), 0),
                                               QItemSelectionModel::ClearAndSelect |
                                                   QItemSelectionModel::Rows);
    });

    list.selectionModel()->setCurrentIndex(listModel.index(listModel.rowForSeq(6), 0),
                                           QItemSelectionModel::ClearAndSelect);
    QCOMPARE(f.view.selectedSeq(), qint64(6));
    QTest::mouseClick(f.view.viewport(), Qt::LeftButton, {}, f.view.eventMarkPosition(2));
    QCOMPARE(list.currentIndex().data(DeliveryListModel::SeqRole).toLongLong(), qint64(2));
    QCOMPARE(f.view.selectedSeq(), qint64(2));
}

void TestTimelineView::selectScrollsIntoView()
{
    // 300 entities: far more lanes than fit.
    QVector<Delivery> deliveries;
    for (int i = 1; i <= 300; ++i)
        deliveries.append(contactEvent(i, kT0 + i * 1000, QStringLiteral("e%1").arg(i), 1,
                                       QStringLiteral("ev%1").arg(i), kT0 + i * 1000 - 50, 200,
                                       WixEventKind::Created));
    Fixture f(analysed(deliveries));
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    QCOMPARE(f.view.laneCount(), 300);
    QVERIFY(f.view.verticalScrollBar()->maximum() > 0);
    const QRect plot(190, 22, f.view.viewport()->width() - 190, f.view.viewport()->height() - 22);
    QVERIFY(!plot.contains(f.view.eventMarkPosition(280)));
    f.view.selectDelivery(280);
    QVERIFY(plot.contains(f.view.eventMarkPosition(280)));
    QVERIFY(f.view.verticalScrollBar()->value() > 0);

    // Zoomed in far: the selection is brought into view horizontally too.
    for (int i = 0; i < 20; ++i)
        QTest::keyClick(&f.view, Qt::Key_Plus);
    f.view.selectDelivery(10);
    QVERIFY(plot.contains(f.view.eventMarkPosition(10)));
    QVERIFY(plot.contains(f.view.arrivalMarkPosition(10)));
    f.view.selectDelivery(290);
    QVERIFY(plot.contains(f.view.eventMarkPosition(290)));
    QVERIFY(!plot.contains(f.view.eventMarkPosition(10)));
}

void TestTimelineView::zoomAndPan()
{
    Fixture f(scripted());
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    QScrollBar *h = f.view.horizontalScrollBar();
    const double fitted = f.view.msPerPixel();
    QCOMPARE(h->maximum(), 0);

    QTest::keyClick(&f.view, Qt::Key_Plus);
    QVERIFY(f.view.msPerPixel() < fitted);
    QVERIFY(h->maximum() > 0);
    QTest::keyClick(&f.view, Qt::Key_Minus);
    QVERIFY(qAbs(f.view.msPerPixel() - fitted) < fitted * 1e-9);

    // Ctrl+wheel zooms around the cursor: the time under it stays put.
    const QPoint anchor = f.view.eventMarkPosition(4);
    sendWheel(f.view.viewport(), anchor, 3 * 120, Qt::ControlModifier);
    QVERIFY(f.view.msPerPixel() < fitted / 1.5);
    QVERIFY(qAbs(f.view.eventMarkPosition(4).x() - anchor.x()) <= 1);

    // Arrow keys, the wheel with Shift, and a drag pan in time.
    const int before = h->value();
    QTest::keyClick(&f.view, Qt::Key_Right);
    QVERIFY(h->value() > before);
    QTest::keyClick(&f.view, Qt::Key_Left);
    QCOMPARE(h->value(), before);
    sendWheel(f.view.viewport(), anchor, -120, Qt::ShiftModifier);
    QVERIFY(h->value() > before);
    const int afterWheel = h->value();

    QSignalSpy selected(&f.view, &TimelineView::deliverySelected);
    const QPoint start(500, f.view.laneRect(3).bottom() - 1);
    QTest::mousePress(f.view.viewport(), Qt::LeftButton, {}, start);
    QMouseEvent move(QEvent::MouseMove, QPointF(start + QPoint(60, 0)),
                     QPointF(f.view.viewport()->mapToGlobal(start + QPoint(60, 0))), Qt::NoButton,
                     Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(f.view.viewport(), &move);
    QTest::mouseRelease(f.view.viewport(), Qt::LeftButton, {}, start + QPoint(60, 0));
    QCOMPARE(h->value(), afterWheel - 60);
    QCOMPARE(selected.size(), 0);

    // A zoomed view is not refitted by new deliveries; 0 fits again.
    const double zoomed = f.view.msPerPixel();
    f.model.appendDeliveries(analysed(
        {contactEvent(20, kT0 + 9000, QStringLiteral("c"), 1, QStringLiteral("c1"), kT0 + 8900)}));
    QCOMPARE(f.view.msPerPixel(), zoomed);
    QTest::keyClick(&f.view, Qt::Key_0);
    QCOMPARE(h->maximum(), 0);
    QVERIFY(f.view.msPerPixel() > zoomed);
}

void TestTimelineView::hoverShowsEscapedSummary()
{
    QVector<Delivery> deliveries = scripted();
    deliveries[0].event.eventType = QStringLiteral("<b>bold</b>");
    Fixture f(deliveries);
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    const QString summary = f.model.summary(f.model.rowForSeq(1));
    QVERIFY(summary.contains(QStringLiteral("<b>bold</b>")));
    QVERIFY(summary.contains(QStringLiteral("#1")));

    const QPoint pos = f.view.eventMarkPosition(1);
    QHelpEvent help(QEvent::ToolTip, pos, f.view.viewport()->mapToGlobal(pos));
    QApplication::sendEvent(f.view.viewport(), &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QCOMPARE(QToolTip::text(), plainToolTip(summary));
    QVERIFY(QToolTip::text().contains(QStringLiteral("&lt;b&gt;bold&lt;/b&gt;")));
    QVERIFY(!QToolTip::text().contains(QStringLiteral("<b>")));
    QToolTip::hideText();
}

void TestTimelineView::tenThousandEventsAppendWithoutReset()
{
    // 10,000 deliveries over 400 entities, one in ten a retry of an earlier one,
    // one in twenty-five sent out of order, arriving in batches of 250.
    QVector<Delivery> all;
    all.reserve(10000);
    QHash<int, int> nextSequence;
    for (int seq = 1; seq <= 10000; ++seq) {
        const int entity = seq % 400;
        const qint64 arrival = kT0 + qint64(seq) * 37;
        if (seq % 10 == 0 && seq > 800) {
            Delivery copy = all.at(seq - 401);
            copy.seq = seq;
            copy.arrivalMs = arrival;
            copy.body = "copy-" + QByteArray::number(seq);
            all.append(copy);
            continue;
        }
        int sequence = ++nextSequence[entity];
        if (seq % 25 == 0 && sequence > 2)
            sequence -= 2;
        all.append(contactEvent(seq, arrival, QStringLiteral("e%1").arg(entity), sequence,
                                QStringLiteral("ev%1").arg(seq), arrival - 40 - seq % 300, 200,
                                sequence == 1 ? WixEventKind::Created : WixEventKind::Updated));
    }
    all = analysed(all);

    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    TimelineView view;
    view.setModel(&model);
    view.resize(1000, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
    for (int first = 0; first < all.size(); first += 250)
        model.appendDeliveries(all.mid(first, 250));
    QCOMPARE(resets.size(), 0);
    QCOMPARE(inserts.size(), 40);
    QCOMPARE(model.rowCount(), 10000);
    QCOMPARE(view.laneCount(), 400);

    QElapsedTimer timer;
    timer.start();
    const QImage fitted = view.viewport()->grab().toImage();
    const qint64 fittedMs = timer.restart();
    for (int i = 0; i < 8; ++i)
        QTest::keyClick(&view, Qt::Key_Plus);
    const QImage zoomed = view.viewport()->grab().toImage();
    const qint64 zoomedMs = timer.restart();
    qInfo("paint of 10,000 events: %lld ms fitted, %lld ms zoomed in", fittedMs, zoomedMs);
    QVERIFY(!fitted.isNull());
    QVERIFY(imageHasColor(fitted, AnalysisFlagStyle::markColor(AnalysisFlagStyle::Category::None)));
    QVERIFY(fittedMs < 1000);
    QVERIFY(zoomedMs < 1000);

    // #9990 repeats an event of half a minute earlier: wider than the zoomed view, so
    // its arrival (the list's order) is what comes into view.
    view.selectDelivery(9990);
    const QPoint arrival = view.arrivalMarkPosition(9990);
    QVERIFY(view.viewport()->rect().contains(arrival));
    QVERIFY(!view.viewport()->rect().contains(view.eventMarkPosition(9990)));
    QCOMPARE(view.seqAt(arrival), qint64(9990));
    view.selectDelivery(5001);
    const QPoint mark = view.eventMarkPosition(5001);
    QVERIFY(view.viewport()->rect().contains(mark));
    QCOMPARE(view.seqAt(mark), qint64(5001));
}

QTEST_MAIN(TestTimelineView)
#include "tst_timelineview.moc"
