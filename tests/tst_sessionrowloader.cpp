#include "sessionrowloader.h"

#include "models/deliverylistmodel.h"
#include "store/sessionstore.h"

#include <QtTest>

class TestSessionRowLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsThenAnalysisInPages();
    void analysisViewsGetTheLatest();
    void twoReadersKeepTheOrder();
    void cancelledLoadSaysNothing();

private:
    QString writeSession(int count);
    QTemporaryDir m_dir;
};

QString TestSessionRowLoader::writeSession(int count)
{
    const QString path = m_dir.filePath(QStringLiteral("%1.hookscope").arg(count));
    SessionStore store;
    if (!store.open(path))
        return QString();
    QVector<Delivery> batch;
    for (int i = 1; i <= count; ++i) {
        Delivery d;
        d.arrivalMs = 1700000000000 + i;
        d.method = QStringLiteral("POST");
        d.path = QStringLiteral("/hook");
        d.body = "not read when loading";
        d.size = d.body.size();
        d.bodyKind = BodyKind::Text;
        d.event.shape = WixEventShape::Standardized;
        d.event.eventType = QStringLiteral("wix.contacts.v4.contact_updated");
        d.event.entityFqdn = QStringLiteral("wix.contacts.v4.contact");
        d.event.entityId = QStringLiteral("c-%1").arg(i % 50);
        d.event.eventId = QStringLiteral("e-%1").arg(i);
        d.event.entityEventSequence = QString::number(i);
        d.analysis.flags = i % 10 == 0 ? quint32(FlagDuplicate) : 0u;
        d.analysis.findings = {
            {Severity::Warning, QStringLiteral("dup.redundant"), QStringLiteral("copy"), 1}};
        batch.append(d);
    }
    return store.append(batch) ? path : QString();
}

void TestSessionRowLoader::rowsThenAnalysisInPages()
{
    const int count = SessionRowLoader::kFirstRowPage + 2500;
    const QString path = writeSession(count);
    QVERIFY(!path.isEmpty());
    SessionRowLoader loader;
    QStringList order; // what came, in which order
    QVector<qint64> rowSeqs;
    QVector<qint64> analysisSeqs;
    int stringsSeen = 1;
    connect(&loader, &SessionRowLoader::rowsLoaded, this,
            [&](const DeliveryRowPage &page, bool first) {
                order << (first ? QStringLiteral("rows first") : QStringLiteral("rows"));
                QCOMPARE(page.totalHint, count);
                QCOMPARE(int(page.firstStringId), stringsSeen); // texts carried on, not repeated
                stringsSeen += int(page.strings.size());
                for (const PackedDeliveryRow &row : page.rows)
                    rowSeqs.append(row.seq);
            });
    connect(&loader, &SessionRowLoader::rowsFinished, this,
            [&] { order << QStringLiteral("rows finished"); });
    QVector<qint64> findingSeqs;
    connect(&loader, &SessionRowLoader::findingsLoaded, this,
            [&](const QVector<Delivery> &deliveries, bool first) {
                if (first)
                    order << QStringLiteral("findings first");
                for (const Delivery &d : deliveries) {
                    QCOMPARE(d.analysis.findings.size(), 1);
                    findingSeqs.append(d.seq);
                }
            });
    int omitted = -1;
    connect(&loader, &SessionRowLoader::analysisWindow, this, [&](int count) { omitted = count; });
    connect(&loader, &SessionRowLoader::analysisLoaded, this,
            [&](const QVector<Delivery> &deliveries) {
                if (analysisSeqs.isEmpty())
                    order << QStringLiteral("analysis");
                for (const Delivery &d : deliveries) {
                    QVERIFY(d.body.isEmpty());
                    QCOMPARE(d.analysis.findings.size(), 1);
                    QCOMPARE(d.event.entityEventSequence, QString::number(d.seq));
                    analysisSeqs.append(d.seq);
                }
            });
    QSignalSpy finished(&loader, &SessionRowLoader::finished);
    loader.start(path);
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().first().toString(), QString());
    QCOMPARE(order.mid(0, 3), (QStringList{QStringLiteral("rows first"), QStringLiteral("rows"),
                                           QStringLiteral("rows finished")}));
    QCOMPARE(order.mid(3),
             (QStringList{QStringLiteral("findings first"), QStringLiteral("analysis")}));
    QCOMPARE(rowSeqs.size(), count);
    QVERIFY(std::is_sorted(rowSeqs.cbegin(), rowSeqs.cend()));
    QCOMPARE(findingSeqs, rowSeqs); // every delivery has a finding here
    QCOMPARE(analysisSeqs, rowSeqs);
    QCOMPARE(omitted, -1); // the whole session fits the analysis views
    QVERIFY(!loader.isRunning());
}

void TestSessionRowLoader::analysisViewsGetTheLatest()
{
    const QString path = writeSession(3000);
    QVERIFY(!path.isEmpty());
    SessionRowLoader loader;
    loader.setAnalysisWindow(1000);
    int rows = 0;
    int findings = 0;
    QVector<qint64> analysisSeqs;
    int omitted = -1;
    connect(&loader, &SessionRowLoader::rowsLoaded, this,
            [&](const DeliveryRowPage &page, bool) { rows += int(page.rows.size()); });
    connect(&loader, &SessionRowLoader::findingsLoaded, this,
            [&](const QVector<Delivery> &deliveries, bool) { findings += int(deliveries.size()); });
    connect(&loader, &SessionRowLoader::analysisWindow, this, [&](int count) { omitted = count; });
    connect(&loader, &SessionRowLoader::analysisLoaded, this,
            [&](const QVector<Delivery> &deliveries) {
                QCOMPARE(omitted, 2000); // said before the deliveries come
                for (const Delivery &d : deliveries)
                    analysisSeqs.append(d.seq);
            });
    QSignalSpy finished(&loader, &SessionRowLoader::finished);
    loader.start(path);
    QVERIFY(finished.wait(30000));
    QCOMPARE(rows, 3000);
    QCOMPARE(findings, 3000); // every finding, for the expert info
    QCOMPARE(analysisSeqs.size(), 1000);
    QCOMPARE(analysisSeqs.first(), qint64(2001));
    QCOMPARE(analysisSeqs.last(), qint64(3000));
}

void TestSessionRowLoader::twoReadersKeepTheOrder()
{
    const int count = 2 * SessionRowLoader::kFirstRowPage + 999;
    const QString path = writeSession(count);
    QVERIFY(!path.isEmpty());
    SessionRowLoader loader;
    loader.setParallelRows(1000);
    DeliveryListModel list;
    QVector<int> readers;
    connect(&loader, &SessionRowLoader::rowsLoaded, &list,
            [&](const DeliveryRowPage &page, bool first) {
                readers.append(page.reader);
                list.appendPage(page, first);
            });
    QSignalSpy finished(&loader, &SessionRowLoader::finished);
    loader.start(path);
    QVERIFY(finished.wait(30000));
    QVERIFY(readers.contains(1)); // the second half came from the second reader...
    QCOMPARE(readers.first(), 0);
    QVERIFY(std::is_sorted(readers.cbegin(), readers.cend())); // ...after the first half
    QCOMPARE(list.rowCount(), count);
    for (int row = 0; row < count; ++row) {
        QCOMPARE(list.seqAt(row), qint64(row + 1));
        // Its texts mapped into the list's own: every row's entity is its own again.
        QCOMPARE(list.rowAt(row).entity,
                 QStringLiteral("wix.contacts.v4.contact/c-%1").arg((row + 1) % 50));
    }
}

void TestSessionRowLoader::cancelledLoadSaysNothing()
{
    const QString path = writeSession(3000);
    QVERIFY(!path.isEmpty());
    SessionRowLoader loader;
    QSignalSpy rows(&loader, &SessionRowLoader::rowsLoaded);
    QSignalSpy finished(&loader, &SessionRowLoader::finished);
    loader.start(path);
    loader.cancel();
    QVERIFY(!loader.isRunning());
    QTest::qWait(200);
    QCOMPARE(rows.size(), 0);
    QCOMPARE(finished.size(), 0);
    // And a new load after it goes through.
    loader.start(path);
    QVERIFY(finished.wait(30000));
    QVERIFY(rows.size() >= 1);
}

QTEST_MAIN(TestSessionRowLoader)
#include "tst_sessionrowloader.moc"
