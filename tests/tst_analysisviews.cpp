#include "analysisfixtures.h"
#include "analysisflagstyle.h"
#include "deliveryanalysispanel.h"
#include "deliveryrowdelegate.h"
#include "flagslegend.h"
#include "latencychartview.h"
#include "latencypanel.h"
#include "models/deliverylistmodel.h"
#include "models/forwardlatencymodel.h"
#include "signaturedelegate.h"

#include <QAbstractItemModelTester>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QtTest>

using namespace AnalysisFixtures;

class TestAnalysisViews : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void latencyModelKeepsForwardedOnly();
    void latencyPanelCountsAndPaints();
    void latencyChartWithManyDeliveries();
    void categoryRules_data();
    void categoryRules();
    void rowDelegatePaintsFlagColours();
    void legendExplainsEveryColour();
    void analysisPanelShowsFindingsAndLinks();
    void analysisPanelKeepsTextPlain();
};

namespace {
Delivery forwarded(qint64 seq, int status, qint64 latencyMs, const QString &error = {})
{
    Delivery d = plainPost(seq, kT0 + seq * 1000);
    d.forward = ForwardResult{status, latencyMs, {}, error};
    d.answerStatus = status == 0 ? 502 : status;
    return d;
}

bool hasColor(const QImage &image, const QColor &color)
{
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            if (image.pixelColor(x, y).rgb() == color.rgb())
                return true;
        }
    }
    return false;
}

} // namespace

void TestAnalysisViews::latencyModelKeepsForwardedOnly()
{
    ForwardLatencyModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.appendDeliveries({forwarded(1, 200, 120), plainPost(2, kT0), forwarded(3, 200, 1300)});
    model.appendDeliveries(
        {forwarded(4, 500, 40), forwarded(5, 0, 2000, QStringLiteral("timeout"))});
    model.appendDeliveries({plainPost(6, kT0)});
    QCOMPARE(inserts.size(), 2);
    QCOMPARE(resets.size(), 0);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.wouldRetryCount(), 3);
    QCOMPARE(model.maxLatencyMs(), qint64(2000));
    QCOMPARE(model.wouldRetryText(), QStringLiteral("3 deliveries Wix would retry"));
    QCOMPARE(model.index(1).data(ForwardLatencyModel::SeqRole).toLongLong(), qint64(3));
    QCOMPARE(model.index(1).data(ForwardLatencyModel::WixWouldRetryRole).toBool(), true);
    QCOMPARE(model.index(0).data(ForwardLatencyModel::WixWouldRetryRole).toBool(), false);
    QCOMPARE(model.index(3).data().toString(), QStringLiteral("#5: no answer after 2000 ms"));
    model.clear();
    QCOMPARE(resets.size(), 1);
    QCOMPARE(model.wouldRetryCount(), 0);
}

void TestAnalysisViews::latencyPanelCountsAndPaints()
{
    ForwardLatencyModel model;
    LatencyPanel panel;
    panel.setModel(&model);
    panel.resize(600, 260);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(panel.countText().startsWith(QStringLiteral("0 deliveries Wix would retry")));
    model.appendDeliveries({forwarded(1, 200, 120), forwarded(2, 200, 1300), forwarded(3, 204, 800),
                            forwarded(4, 500, 40)});
    QVERIFY2(panel.countText().startsWith(QStringLiteral("2 deliveries Wix would retry")),
             qPrintable(panel.countText()));
    auto *label = panel.findChild<QLabel *>(QStringLiteral("latencyRetryCount"));
    QVERIFY(label);
    QCOMPARE(label->textFormat(), Qt::PlainText);

    LatencyChartView *chart = panel.chart();
    QCOMPARE(chart->objectName(), QStringLiteral("latencyChart"));
    const QRect plot = chart->plotRect();
    QVERIFY(chart->timeoutLineY() > plot.top() && chart->timeoutLineY() < plot.bottom());
    const QImage image = chart->grab().toImage();
    QVERIFY(hasColor(image, QColor(0x43, 0xa0, 0x47))); // answered in time
    QVERIFY(hasColor(image, QColor(0xe5, 0x39, 0x35))); // Wix would retry
    // The 1300 ms bar rises above the 1250 ms line, the 800 ms one stays below.
    const int barWidth = plot.width() / 4;
    const auto colourAt = [&](int row, int y) {
        return image.pixelColor(plot.left() + row * barWidth + barWidth / 2, y);
    };
    QCOMPARE(colourAt(1, chart->timeoutLineY() - 2), QColor(0xe5, 0x39, 0x35));
    QCOMPARE(colourAt(2, chart->timeoutLineY() + 3), chart->palette().color(QPalette::Base));
    QCOMPARE(colourAt(2, plot.bottom() - 2), QColor(0x43, 0xa0, 0x47));
    QSignalSpy selected(&panel, &LatencyPanel::deliverySelected);
    for (int row = 0; row < 4; ++row) {
        const QPoint centre(plot.left() + row * barWidth + barWidth / 2, plot.bottom() - 2);
        QCOMPARE(chart->seqAt(centre), qint64(row + 1));
    }
    QTest::mouseClick(chart, Qt::LeftButton, {},
                      QPoint(plot.left() + 2 * barWidth + barWidth / 2, plot.bottom() - 2));
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.at(0).at(0).toLongLong(), qint64(3));
    QCOMPARE(chart->selectedSeq(), qint64(3));
    QCOMPARE(chart->seqAt(QPoint(2, 2)), qint64(0));
}

void TestAnalysisViews::latencyChartWithManyDeliveries()
{
    ForwardLatencyModel model;
    QVector<Delivery> deliveries;
    for (int seq = 1; seq <= 10000; ++seq)
        deliveries.append(forwarded(seq, 200, seq == 7777 ? 5000 : 20 + seq % 90));
    model.appendDeliveries(deliveries);
    LatencyChartView chart;
    chart.setModel(&model);
    chart.resize(500, 200);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    const QImage image = chart.grab().toImage();
    QVERIFY(hasColor(image, QColor(0xe5, 0x39, 0x35))); // the one slow delivery shows
    // Its pixel column reports it: the slowest of the column.
    const QRect plot = chart.plotRect();
    const int x = plot.left() + int(7776.5 * plot.width() / 10000);
    QCOMPARE(chart.seqAt(QPoint(x, plot.bottom() - 1)), qint64(7777));
}

void TestAnalysisViews::categoryRules_data()
{
    using C = AnalysisFlagStyle::Category;
    QTest::addColumn<quint32>("flags");
    QTest::addColumn<int>("category");
    QTest::newRow("none") << quint32(0) << int(C::None);
    QTest::newRow("identical token alone") << quint32(FlagIdenticalToken) << int(C::None);
    QTest::newRow("bad signature wins")
        << quint32(FlagBadSignature | FlagStaleState | FlagDuplicate) << int(C::BadSignature);
    QTest::newRow("stale over out of order")
        << quint32(FlagStaleState | FlagOutOfOrder) << int(C::StaleState);
    QTest::newRow("out of order over gap")
        << quint32(FlagOutOfOrder | FlagSequenceGap) << int(C::OutOfOrder);
    QTest::newRow("gap") << quint32(FlagSequenceGap | FlagMissingCreate) << int(C::SequenceGap);
    QTest::newRow("redundant duplicate")
        << quint32(FlagDuplicate | FlagIdenticalToken) << int(C::Redundant);
    QTest::newRow("duplicate retry")
        << quint32(FlagDuplicate | FlagDuplicateRetry) << int(C::Retry);
    QTest::newRow("redundant and late")
        << quint32(FlagDuplicate | FlagLateRetry) << int(C::Redundant);
    QTest::newRow("late retry") << quint32(FlagLateRetry) << int(C::Retry);
    QTest::newRow("missing create") << quint32(FlagMissingCreate) << int(C::Lifecycle);
    QTest::newRow("after delete") << quint32(FlagAfterDelete) << int(C::Lifecycle);
}

void TestAnalysisViews::categoryRules()
{
    QFETCH(quint32, flags);
    QFETCH(int, category);
    QCOMPARE(int(AnalysisFlagStyle::categoryOf(flags)), category);
}

void TestAnalysisViews::rowDelegatePaintsFlagColours()
{
    const QVector<Delivery> deliveries = analysedSession();
    DeliveryListModel model;
    model.appendDeliveries(deliveries);
    QCOMPARE(model.index(2, 0).data(DeliveryListModel::FlagsRole).toUInt(),
             deliveries.at(2).analysis.flags);
    // Through a proxy, as the window's list is.
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QTableView view;
    view.setModel(&proxy);
    view.setItemDelegate(new DeliveryRowDelegate(&view));
    view.setAlternatingRowColors(false);
    view.resize(1400, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QImage image = view.viewport()->grab().toImage();
    const auto backgroundAt = [&](int row) {
        // The Flags column is empty for these rows: only the background is painted there.
        const QRect cell = view.visualRect(proxy.index(row, DeliveryListModel::FlagsColumn));
        return image.pixelColor(cell.right() - 3, cell.center().y());
    };
    using C = AnalysisFlagStyle::Category;
    QCOMPARE(backgroundAt(1), AnalysisFlagStyle::rowBackground(C::SequenceGap));
    QCOMPARE(backgroundAt(2), AnalysisFlagStyle::rowBackground(C::StaleState));
    QCOMPARE(backgroundAt(3), AnalysisFlagStyle::rowBackground(C::Redundant));
    QCOMPARE(backgroundAt(5), AnalysisFlagStyle::rowBackground(C::Retry));
    QCOMPARE(backgroundAt(0), view.palette().color(QPalette::Base));
    // The signature column keeps its dot.
    const QRect signature = view.visualRect(proxy.index(4, DeliveryListModel::SignatureColumn));
    QVERIFY(
        hasColor(image.copy(signature), SignatureDelegate::statusColor(SignatureStatus::Valid)));
}

void TestAnalysisViews::legendExplainsEveryColour()
{
    FlagsLegend legend;
    QCOMPARE(legend.objectName(), QStringLiteral("flagsLegend"));
    QStringList texts;
    for (const QLabel *label : legend.findChildren<QLabel *>()) {
        if (label->pixmap().isNull()) {
            QCOMPARE(label->textFormat(), Qt::PlainText);
            texts << label->text();
        }
    }
    for (const auto category : AnalysisFlagStyle::categories()) {
        QVERIFY(texts.contains(AnalysisFlagStyle::title(category)));
        QVERIFY(texts.contains(AnalysisFlagStyle::description(category)));
    }
    const QStringList lines = FlagsLegend::legendText().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), AnalysisFlagStyle::categories().size());
    QVERIFY(lines.first().startsWith(QStringLiteral("Bad signature: ")));
}

void TestAnalysisViews::analysisPanelShowsFindingsAndLinks()
{
    const QVector<Delivery> deliveries = analysedSession();
    DeliveryAnalysisPanel panel;
    QCOMPARE(panel.objectName(), QStringLiteral("deliveryAnalysisPanel"));
    panel.resize(600, 300);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QSignalSpy selected(&panel, &DeliveryAnalysisPanel::deliverySelected);

    panel.setDelivery(deliveries.at(2)); // #3: out of order after #2, stale
    QListWidget *list = panel.findingsList();
    QCOMPARE(list->count(), 2);
    QVERIFY(list->item(0)->text().startsWith(QStringLiteral("[warning] order.older: ")));
    QVERIFY(list->item(0)->text().endsWith(QStringLiteral("→ #2")));
    QVERIFY(list->item(1)->text().startsWith(QStringLiteral("[error] state.stale: ")));
    QVERIFY2(panel.summaryText().contains(QStringLiteral("out of order, stale state")),
             qPrintable(panel.summaryText()));

    QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                      list->visualItemRect(list->item(0)).center());
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.at(0).at(0).toLongLong(), qint64(2));
    list->setCurrentRow(1);
    QTest::keyClick(list->viewport(), Qt::Key_Return);
    QCOMPARE(selected.size(), 2);

    panel.setDelivery(deliveries.at(5)); // #6: Wix's retry of #5
    QCOMPARE(list->count(), 1);
    QVERIFY(list->item(0)->text().contains(QStringLiteral("dup.retry")));
    QCOMPARE(list->item(0)->data(DeliveryAnalysisPanel::RelatedSeqRole).toLongLong(), qint64(5));

    // Links from the analysis fields when no finding names them.
    DeliveryAnalysis bare;
    bare.duplicateOf = 11;
    bare.outOfOrderAfter = 12;
    panel.setAnalysis(20, bare);
    QCOMPARE(list->count(), 2);
    QCOMPARE(list->item(0)->data(DeliveryAnalysisPanel::RelatedSeqRole).toLongLong(), qint64(11));
    QCOMPARE(list->item(1)->data(DeliveryAnalysisPanel::RelatedSeqRole).toLongLong(), qint64(12));
    QVERIFY(panel.summaryText().contains(QStringLiteral("no findings")));

    panel.setDelivery(deliveries.at(0)); // nothing to report
    QCOMPARE(list->count(), 0);
    QCOMPARE(panel.summaryText(), QStringLiteral("Delivery #1: no findings"));
    panel.clear();
    QCOMPARE(panel.seq(), qint64(0));
}

void TestAnalysisViews::analysisPanelKeepsTextPlain()
{
    DeliveryAnalysisPanel panel;
    DeliveryAnalysis analysis;
    analysis.findings.append({Severity::Error, QStringLiteral("sig.invalid"),
                              QStringLiteral("signature rejected: <b>x</b> & <a href=y>"), 0});
    panel.setAnalysis(4, analysis);
    QListWidgetItem *item = panel.findingsList()->item(0);
    QVERIFY(item->text().contains(QStringLiteral("<b>x</b> & <a href=y>")));
    QVERIFY(
        item->toolTip().contains(QStringLiteral("&lt;b&gt;x&lt;/b&gt; &amp; &lt;a href=y&gt;")));
    QVERIFY(!item->toolTip().contains(QStringLiteral("<b>")));
    QCOMPARE(item->data(DeliveryAnalysisPanel::RelatedSeqRole).toLongLong(), qint64(0));
    QCOMPARE(panel.findChild<QLabel *>(QStringLiteral("analysisSummary"))->textFormat(),
             Qt::PlainText);
}

QTEST_MAIN(TestAnalysisViews)
#include "tst_analysisviews.moc"
