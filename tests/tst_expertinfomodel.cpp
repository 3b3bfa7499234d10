#include "analysisfixtures.h"
#include "expertinfoview.h"
#include "models/expertinfomodel.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace AnalysisFixtures;

class TestExpertInfoModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void groupsBySeverityThenCode();
    void batchesInsertPerParent();
    void countsForTheStatusBar_data();
    void countsForTheStatusBar();
    void findingRows();
    void clearResets();
    void activatingAFindingSelectsItsDelivery();
};

namespace {
Finding finding(Severity severity, const char *code, const QString &message, qint64 related = 0)
{
    return {severity, QLatin1String(code), message, related};
}

Delivery withFindings(qint64 seq, QVector<Finding> findings)
{
    Delivery d = plainPost(seq, kT0 + seq);
    d.analysis.findings = std::move(findings);
    return d;
}

QStringList tree(const QAbstractItemModel &model)
{
    QStringList lines;
    for (int s = 0; s < model.rowCount(); ++s) {
        const QModelIndex severity = model.index(s, 0);
        lines << severity.data().toString() + QLatin1Char(' ') +
                     severity.siblingAtColumn(ExpertInfoModel::CountColumn).data().toString();
        for (int c = 0; c < model.rowCount(severity); ++c) {
            const QModelIndex code = model.index(c, 0, severity);
            QStringList seqs;
            for (int f = 0; f < model.rowCount(code); ++f)
                seqs << model.index(f, ExpertInfoModel::SeqColumn, code).data().toString();
            lines << QStringLiteral("  ") + code.data().toString() + QLatin1Char(' ') +
                         code.siblingAtColumn(ExpertInfoModel::CountColumn).data().toString() +
                         QStringLiteral(": ") + seqs.join(QLatin1Char(','));
        }
    }
    return lines;
}
} // namespace

void TestExpertInfoModel::groupsBySeverityThenCode()
{
    ExpertInfoModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendDeliveries(analysedSession());
    QCOMPARE(tree(model), (QStringList{
                              "Error 1",
                              "  state.stale 1: 3",
                              "Warning 3",
                              "  dup.redundant 1: 4",
                              "  order.gap 1: 2",
                              "  order.older 1: 3",
                              "Note 1",
                              "  dup.retry 1: 6",
                          }));
}

void TestExpertInfoModel::batchesInsertPerParent()
{
    ExpertInfoModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy counts(&model, &ExpertInfoModel::countsChanged);

    // A batch with one new severity arrives as one insert, whole.
    model.appendDeliveries({withFindings(1, {finding(Severity::Warning, "order.gap", "g1")}),
                            withFindings(2, {finding(Severity::Warning, "order.gap", "g2"),
                                             finding(Severity::Warning, "dup.redundant", "r")})});
    QCOMPARE(inserts.size(), 1);
    QCOMPARE(counts.size(), 1);
    // Existing code: one insert of its rows. New code between two: one insert.
    // New severity before the warnings: one insert at row 0.
    model.appendDeliveries({withFindings(3, {finding(Severity::Warning, "order.gap", "g3")}),
                            withFindings(4, {finding(Severity::Warning, "life.after-delete", "l"),
                                             finding(Severity::Error, "sig.invalid", "s")}),
                            withFindings(5, {finding(Severity::Warning, "order.gap", "g5")})});
    QCOMPARE(inserts.size(), 4);
    QCOMPARE(resets.size(), 0);
    QCOMPARE(tree(model),
             (QStringList{"Error 1", "  sig.invalid 1: 4", "Warning 6", "  dup.redundant 1: 2",
                          "  life.after-delete 1: 4", "  order.gap 4: 1,2,3,5"}));
    // Deliveries without findings change nothing.
    model.appendDeliveries({plainPost(6, kT0)});
    QCOMPARE(inserts.size(), 4);
    QCOMPARE(counts.size(), 2);
}

void TestExpertInfoModel::countsForTheStatusBar_data()
{
    QTest::addColumn<QVector<Delivery>>("deliveries");
    QTest::addColumn<int>("errors");
    QTest::addColumn<int>("warnings");
    QTest::addColumn<int>("notes");
    QTest::addColumn<QString>("text");

    QTest::newRow("nothing") << QVector<Delivery>{} << 0 << 0 << 0 << QStringLiteral("no findings");
    QTest::newRow("analysed session")
        << analysedSession() << 1 << 3 << 1 << QStringLiteral("1 error, 3 warnings, 1 note");
    QTest::newRow("notes only") << QVector<Delivery>{withFindings(
                                       1, {finding(Severity::Note, "late", "x"),
                                           finding(Severity::Note, "late", "y")})}
                                << 0 << 0 << 2 << QStringLiteral("2 notes");
}

void TestExpertInfoModel::countsForTheStatusBar()
{
    QFETCH(QVector<Delivery>, deliveries);
    QFETCH(int, errors);
    QFETCH(int, warnings);
    QFETCH(int, notes);
    QFETCH(QString, text);
    ExpertInfoModel model;
    model.appendDeliveries(deliveries);
    QCOMPARE(model.count(Severity::Error), errors);
    QCOMPARE(model.count(Severity::Warning), warnings);
    QCOMPARE(model.count(Severity::Note), notes);
    QCOMPARE(model.totalCount(), errors + warnings + notes);
    QCOMPARE(model.countsText(), text);
}

void TestExpertInfoModel::findingRows()
{
    ExpertInfoModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendDeliveries(analysedSession());
    const QModelIndex older = model.indexForCode(Severity::Warning, QStringLiteral("order.older"));
    QVERIFY(older.isValid());
    const QModelIndex row = model.index(0, ExpertInfoModel::SummaryColumn, older);
    QVERIFY(
        row.data().toString().startsWith(QStringLiteral("out of order: older than delivery 2")));
    QCOMPARE(row.data(ExpertInfoModel::SeqRole).toLongLong(), qint64(3));
    QCOMPARE(row.data(ExpertInfoModel::RelatedSeqRole).toLongLong(), qint64(2));
    QCOMPARE(row.data(ExpertInfoModel::SeverityRole).toInt(), int(Severity::Warning));
    QCOMPARE(row.data(Qt::AccessibleDescriptionRole).toString(), QStringLiteral("warning"));
    QCOMPARE(row.data(ExpertInfoModel::CodeRole).toString(), QStringLiteral("order.older"));
    QVERIFY(model.flags(row) & Qt::ItemNeverHasChildren);
    QVERIFY(!(model.flags(older) & Qt::ItemNeverHasChildren));
    QVERIFY(!older.data(ExpertInfoModel::SeqRole).isValid());
    QCOMPARE(model.indexForSeverity(Severity::Error).data(ExpertInfoModel::SeverityRole).toInt(),
             int(Severity::Error));
    QVERIFY(!model.indexForCode(Severity::Error, QStringLiteral("order.older")).isValid());
}

void TestExpertInfoModel::clearResets()
{
    ExpertInfoModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendDeliveries(analysedSession());
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy counts(&model, &ExpertInfoModel::countsChanged);
    model.clear();
    QCOMPARE(resets.size(), 1);
    QCOMPARE(counts.size(), 1);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.totalCount(), 0);
    model.appendDeliveries(analysedSession());
    QCOMPARE(model.totalCount(), 5);
}

void TestExpertInfoModel::activatingAFindingSelectsItsDelivery()
{
    ExpertInfoModel model;
    ExpertInfoView view;
    view.setExpertInfoModel(&model);
    view.resize(700, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    model.appendDeliveries(analysedSession());
    // Severities open as they arrive.
    QVERIFY(view.isExpanded(model.indexForSeverity(Severity::Warning)));
    QSignalSpy selected(&view, &ExpertInfoView::deliverySelected);

    const QModelIndex gap = model.indexForCode(Severity::Warning, QStringLiteral("order.gap"));
    view.expand(gap);
    const QModelIndex row = model.index(0, 0, gap);
    view.setCurrentIndex(row);
    QTest::keyClick(view.viewport(), Qt::Key_Return);
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.at(0).at(0).toLongLong(), qint64(2));

    const QRect rect = view.visualRect(row);
    QVERIFY(rect.isValid());
    // A real double-click: press, release, double-click, release.
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(view.viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(selected.size(), 2);
    QCOMPARE(selected.at(1).at(0).toLongLong(), qint64(2));

    // Severity and code rows name no delivery.
    view.setCurrentIndex(gap);
    QTest::keyClick(view.viewport(), Qt::Key_Return);
    QCOMPARE(selected.size(), 2);
}

QTEST_MAIN(TestExpertInfoModel)
#include "tst_expertinfomodel.moc"
