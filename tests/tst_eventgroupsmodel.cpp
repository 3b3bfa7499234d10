#include "analysis/wixretryschedule.h"
#include "analysisfixtures.h"
#include "eventgroupsview.h"
#include "models/eventgroupsmodel.h"
#include "retryschedulestrip.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QTreeView>
#include <QtTest>

using namespace AnalysisFixtures;

class TestEventGroupsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void groupsFollowDuplicateOf();
    void childRowsAndRoles();
    void forwardAnswersAndLateAnswersFail();
    void retryPlan_data();
    void retryPlan();
    void clearResets();
    void viewShowsScheduleOfSelectedEvent();
    void viewSelectionInStep();
};

Q_DECLARE_METATYPE(QVector<RetryAttemptInput>)

namespace {
constexpr qint64 kMinute = 60 * 1000;

// Event A failed twice and was delivered on Wix's second retry; B was fine; the
// legacy event came twice (redundant); C is failing; #8 is no Wix event.
QVector<Delivery> scripted()
{
    const QString a = QStringLiteral("ev-a");
    return analysed({
        contactEvent(1, kT0, QStringLiteral("x"), 1, a, kT0 - 100, 500, WixEventKind::Created),
        contactEvent(2, kT0 + 1000, QStringLiteral("y"), 1, QStringLiteral("ev-b"), kT0 + 900, 200,
                     WixEventKind::Created),
        contactEvent(3, kT0 + kMinute, QStringLiteral("x"), 1, a, kT0 - 100, 500,
                     WixEventKind::Created),
        contactEvent(4, kT0 + 11 * kMinute, QStringLiteral("x"), 1, a, kT0 - 100, 200,
                     WixEventKind::Created),
        legacyEvent(5, kT0 + 12 * kMinute, "digest-1"),
        legacyEvent(6, kT0 + 13 * kMinute, "digest-1"),
        contactEvent(7, kT0 + 14 * kMinute, QStringLiteral("z"), 1, QStringLiteral("ev-c"),
                     kT0 + 14 * kMinute - 50, 503, WixEventKind::Created),
        plainPost(8, kT0 + 15 * kMinute),
    });
}

QStringList childSeqs(const EventGroupsModel &model, int group)
{
    QStringList seqs;
    const QModelIndex parent = model.index(group, 0);
    for (int row = 0; row < model.rowCount(parent); ++row)
        seqs << model.index(row, 0, parent).data().toString();
    return seqs;
}
} // namespace

void TestEventGroupsModel::groupsFollowDuplicateOf()
{
    EventGroupsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
    const QVector<Delivery> deliveries = scripted();
    model.appendDeliveries(deliveries.mid(0, 3)); // new groups A and B, #3 inside A
    QCOMPARE(inserts.size(), 1);
    QCOMPARE(model.groupCount(), 2);
    QCOMPARE(childSeqs(model, 0), (QStringList{"#1", "#3"}));
    model.appendDeliveries(deliveries.mid(3)); // #4 joins A; legacy and C are new
    QCOMPARE(inserts.size(), 3);
    QCOMPARE(resets.size(), 0);

    QCOMPARE(model.groupCount(), 4);
    QCOMPARE(childSeqs(model, 0), (QStringList{"#1", "#3", "#4"}));
    QCOMPARE(childSeqs(model, 1), (QStringList{"#2"}));
    QCOMPARE(childSeqs(model, 2), (QStringList{"#5", "#6"}));
    QCOMPARE(childSeqs(model, 3), (QStringList{"#7"}));
    QCOMPARE(model.groupRowForSeq(8), -1); // not a Wix event

    const auto cell = [&](int row, int column) { return model.index(row, column).data(); };
    QCOMPARE(cell(0, EventGroupsModel::EventTypeColumn).toString(),
             QStringLiteral("wix.contacts.v4.contact_created"));
    QCOMPARE(cell(0, EventGroupsModel::EntityColumn).toString(),
             QStringLiteral("wix.contacts.v4.contact/x"));
    QCOMPARE(cell(2, EventGroupsModel::EntityColumn).toString(), QStringLiteral("legacy · inst-1"));
    QCOMPARE(cell(0, EventGroupsModel::DeliveriesColumn).toInt(), 3);
    QCOMPARE(cell(0, EventGroupsModel::AnswersColumn).toString(), QStringLiteral("500, 500, 200"));
    QCOMPARE(model.index(0, EventGroupsModel::FirstArrivalColumn)
                 .data(EventGroupsModel::SortRole)
                 .toLongLong(),
             kT0);
    QCOMPARE(model.index(0, EventGroupsModel::LastArrivalColumn)
                 .data(EventGroupsModel::SortRole)
                 .toLongLong(),
             kT0 + 11 * kMinute);

    QCOMPARE(model.index(0, 0).data(EventGroupsModel::RetriedRole).toBool(), true);
    QCOMPARE(model.index(1, 0).data(EventGroupsModel::RetriedRole).toBool(), false);
    QCOMPARE(model.index(2, 0).data(EventGroupsModel::RetriedRole).toBool(), false);
    QCOMPARE(model.index(3, 0).data(EventGroupsModel::RetriedRole).toBool(), true);
    QCOMPARE(model.retriedGroupCount(), 2);

    // A batch appended again is ignored (seqs are unique).
    model.appendDeliveries(deliveries.mid(3, 1));
    QCOMPARE(childSeqs(model, 0).size(), 3);
}

void TestEventGroupsModel::childRowsAndRoles()
{
    EventGroupsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendDeliveries(scripted());
    const QModelIndex retry = model.indexForSeq(4);
    QVERIFY(retry.isValid());
    QCOMPARE(retry.parent().row(), 0);
    QCOMPARE(retry.row(), 2);
    QCOMPARE(retry.data(EventGroupsModel::SeqRole).toLongLong(), qint64(4));
    QCOMPARE(model.index(2, EventGroupsModel::EntityColumn, retry.parent()).data().toString(),
             QStringLiteral("retry #2"));
    QCOMPARE(model.index(0, EventGroupsModel::EntityColumn, retry.parent()).data().toString(),
             QStringLiteral("first delivery"));
    QCOMPARE(model.indexForSeq(6).siblingAtColumn(EventGroupsModel::EntityColumn).data().toString(),
             QStringLiteral("redundant copy #1"));
    QCOMPARE(model.index(1, EventGroupsModel::AnswersColumn, retry.parent()).data().toString(),
             QStringLiteral("500"));
    QVERIFY(!model.index(1, 0, retry.parent()).data(EventGroupsModel::AnsweredOkRole).toBool());
    QVERIFY(model.flags(retry) & Qt::ItemNeverHasChildren);
    QVERIFY(!(model.flags(retry.parent()) & Qt::ItemNeverHasChildren));
    QCOMPARE(model.index(0, 0).data(EventGroupsModel::SeqRole).toLongLong(), qint64(1));
    QVERIFY(!model.indexForSeq(8).isValid());
}

void TestEventGroupsModel::forwardAnswersAndLateAnswersFail()
{
    Delivery slow = contactEvent(1, kT0, QStringLiteral("x"), 1, QStringLiteral("e"), kT0 - 10);
    slow.forward = ForwardResult{200, 1400, {}, {}};
    Delivery late = contactEvent(2, kT0, QStringLiteral("y"), 1, QStringLiteral("f"), kT0 - 10);
    late.answerDelayMs = 1300;
    Delivery fine = contactEvent(3, kT0, QStringLiteral("z"), 1, QStringLiteral("g"), kT0 - 10);
    fine.forward = ForwardResult{204, 80, {}, {}};
    const EventGroupDelivery a = EventGroupsModel::groupDeliveryOf(slow);
    const EventGroupDelivery b = EventGroupsModel::groupDeliveryOf(late);
    const EventGroupDelivery c = EventGroupsModel::groupDeliveryOf(fine);
    QVERIFY(!a.answeredOk);
    QCOMPARE(a.answer, QStringLiteral("200 after 1400 ms"));
    QVERIFY(!b.answeredOk);
    QCOMPARE(b.answer, QStringLiteral("200 after 1300 ms"));
    QVERIFY(c.answeredOk);
}

void TestEventGroupsModel::retryPlan_data()
{
    QTest::addColumn<QVector<RetryAttemptInput>>("attempts");
    QTest::addColumn<qint64>("eventTimeMs");
    QTest::addColumn<bool>("retrying");
    QTest::addColumn<QVector<int>>("attemptNumbers");
    QTest::addColumn<int>("nextAttempt");
    QTest::addColumn<qint64>("nextExpectedMs"); // 0 when none
    QTest::addColumn<QString>("summaryStart");

    const auto at = [](qint64 seq, qint64 ms, bool ok, int likely = 0) {
        return RetryAttemptInput{seq, kT0 + ms, ok, likely};
    };
    QTest::newRow("answered in time: not retried")
        << QVector<RetryAttemptInput>{at(1, 0, true), at(2, 5000, true)} << qint64(0) << false
        << QVector<int>{} << 0 << qint64(0) << QStringLiteral("not retried");
    QTest::newRow("one failure: attempt 1 a minute later")
        << QVector<RetryAttemptInput>{at(1, 0, false)} << qint64(0) << true << QVector<int>{0} << 1
        << kT0 + kMinute << QStringLiteral("next retry expected at ");
    QTest::newRow("two failures: attempt 2 ten minutes after the first retry")
        << QVector<RetryAttemptInput>{at(1, 0, false), at(2, 61000, false)} << qint64(0) << true
        << QVector<int>{0, 1} << 2 << kT0 + 61000 + 10 * kMinute
        << QStringLiteral("next retry expected at ");
    QTest::newRow("delivered at retry 2")
        << QVector<RetryAttemptInput>{at(1, 0, false), at(2, 60000, false),
                                      at(3, 11 * kMinute, true)}
        << qint64(0) << true << QVector<int>{0, 1, 2} << 0 << qint64(0)
        << QStringLiteral("delivered at retry attempt 2");
    QTest::newRow("answered in time before the failure: counted from the failure")
        << QVector<RetryAttemptInput>{at(1, 0, true), at(2, 5000, false)} << qint64(0) << true
        << QVector<int>{0} << 1 << kT0 + 5000 + kMinute
        << QStringLiteral("next retry expected at ");
    QTest::newRow("late retry anchored at the event")
        << QVector<RetryAttemptInput>{at(1, 71 * kMinute, false, 3)} << kT0 << true
        << QVector<int>{3} << 4 << kT0 + 71 * kMinute + 2 * 60 * kMinute
        << QStringLiteral("next retry expected at ");
    QVector<RetryAttemptInput> thirteen;
    qint64 when = 0;
    for (int k = 0; k <= WixRetrySchedule::kAttempts; ++k) {
        when += WixRetrySchedule::delayBeforeAttemptMs(k);
        thirteen.append(at(k + 1, when, false));
    }
    QTest::newRow("twelve retries used up")
        << thirteen << qint64(0) << true << QVector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
        << 0 << qint64(0) << QStringLiteral("Wix's 12 retries are used up");
}

void TestEventGroupsModel::retryPlan()
{
    QFETCH(QVector<RetryAttemptInput>, attempts);
    QFETCH(qint64, eventTimeMs);
    QFETCH(bool, retrying);
    QFETCH(QVector<int>, attemptNumbers);
    QFETCH(int, nextAttempt);
    QFETCH(qint64, nextExpectedMs);
    QFETCH(QString, summaryStart);

    const RetryPlan plan = RetryPlan::fromAttempts(attempts, eventTimeMs);
    QCOMPARE(plan.retrying, retrying);
    QVector<int> numbers;
    for (const RetryPlan::Mark &mark : plan.marks)
        numbers << mark.attempt;
    QCOMPARE(numbers, attemptNumbers);
    QCOMPARE(plan.nextAttempt, nextAttempt);
    QCOMPARE(plan.nextExpectedMs, nextAttempt > 0 ? nextExpectedMs : qint64(0));
    QVERIFY2(plan.summary().startsWith(summaryStart), qPrintable(plan.summary()));
    if (nextAttempt > 0) {
        const QString time = QDateTime::fromMSecsSinceEpoch(nextExpectedMs, Qt::UTC)
                                 .toLocalTime()
                                 .toString(QStringLiteral("HH:mm:ss"));
        QVERIFY2(plan.summary().contains(time), qPrintable(plan.summary()));
        QVERIFY(plan.summary().endsWith(QStringLiteral("(attempt %1)").arg(nextAttempt)));
    }
}

void TestEventGroupsModel::clearResets()
{
    EventGroupsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendDeliveries(scripted());
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.clear();
    QCOMPARE(resets.size(), 1);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.groupRowForSeq(1), -1);
    QCOMPARE(model.retriedGroupCount(), 0);
    model.appendDeliveries(scripted());
    QCOMPARE(model.groupCount(), 4);
}

void TestEventGroupsModel::viewShowsScheduleOfSelectedEvent()
{
    EventGroupsModel model;
    EventGroupsView view;
    view.setModel(&model);
    view.resize(900, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    model.appendDeliveries(scripted());
    QCOMPARE(view.tree()->model()->rowCount(), 4);

    view.selectDelivery(7); // C: failing, attempt 1 due a minute after it
    QCOMPARE(view.currentGroupRow(), 3);
    QTRY_VERIFY(view.scheduleStrip()->isVisible());
    const RetryPlan &plan = view.scheduleStrip()->plan();
    QVERIFY(plan.retrying);
    QCOMPARE(plan.nextAttempt, 1);
    const QString due = QDateTime::fromMSecsSinceEpoch(kT0 + 15 * kMinute, Qt::UTC)
                            .toLocalTime()
                            .toString(QStringLiteral("HH:mm:ss"));
    QVERIFY2(view.scheduleText().endsWith(
                 QStringLiteral("next retry expected at %1 (attempt 1)").arg(due)),
             qPrintable(view.scheduleText()));
    QCOMPARE(view.findChild<QLabel *>(QStringLiteral("retryScheduleText"))->textFormat(),
             Qt::PlainText);
    // The failed attempt is painted in red.
    const QImage strip = view.scheduleStrip()->grab().toImage();
    bool red = false;
    for (int y = 0; y < strip.height() && !red; ++y)
        for (int x = 0; x < strip.width() && !red; ++x)
            red = strip.pixelColor(x, y) == QColor(0xe5, 0x39, 0x35);
    QVERIFY(red);

    view.selectDelivery(3); // A: delivered at retry 2
    QCOMPARE(view.currentGroupRow(), 0);
    QCOMPARE(view.scheduleStrip()->plan().marks.size(), 3);
    QVERIFY(view.scheduleText().contains(QStringLiteral("delivered at retry attempt 2")));

    view.selectDelivery(2); // B: never retried, no strip
    QTRY_VERIFY(!view.scheduleStrip()->isVisible());
    QVERIFY(view.scheduleText().contains(QStringLiteral("not retried")));

    // A new failure of C arriving live updates the schedule shown.
    view.selectDelivery(7);
    DeliveryAnalyzer analyzer;
    QVector<Delivery> again = scripted();
    again.append(contactEvent(9, kT0 + 15 * kMinute + 500, QStringLiteral("z"), 1,
                              QStringLiteral("ev-c"), kT0 + 14 * kMinute - 50, 503,
                              WixEventKind::Created));
    analyse(again, analyzer);
    model.appendDeliveries({again.constLast()});
    QCOMPARE(view.scheduleStrip()->plan().nextAttempt, 2);
}

void TestEventGroupsModel::viewSelectionInStep()
{
    EventGroupsModel model;
    EventGroupsView view;
    view.setModel(&model);
    view.resize(900, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    model.appendDeliveries(scripted());
    QSignalSpy selected(&view, &EventGroupsView::deliverySelected);
    view.selectDelivery(4);
    QCOMPARE(selected.size(), 0);
    QCOMPARE(view.tree()->currentIndex().data(EventGroupsModel::SeqRole).toLongLong(), qint64(4));
    QVERIFY(view.tree()->isExpanded(model.index(0, 0)));

    const QModelIndex row = model.indexForSeq(3);
    QTest::mouseClick(view.tree()->viewport(), Qt::LeftButton, {},
                      view.tree()->visualRect(row).center());
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.at(0).at(0).toLongLong(), qint64(3));
}

QTEST_MAIN(TestEventGroupsModel)
#include "tst_eventgroupsmodel.moc"
