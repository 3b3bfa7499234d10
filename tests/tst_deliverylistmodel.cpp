#include "models/deliverycolumnorder.h"
#include "models/deliverylistmodel.h"

#include <QAbstractItemModelTester>
#include <QtTest>

#include <numeric>

class TestDeliveryListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void batchesInsertOnce();
    void columnsShowTheDelivery();
    void rowForSeq();
    void repeatedStringsAreShared();
    void setRowsResetsOnce();
    void pagesResetThenInsert();
    void pagesAfterRowsOfItsOwnAreMapped();
    void columnOrderIsTheSortRoleOrder_data();
    void columnOrderIsTheSortRoleOrder();
};

namespace {
Delivery delivery(qint64 seq, SignatureStatus status = SignatureStatus::Valid)
{
    Delivery d;
    d.seq = seq;
    d.arrivalMs = 1700000000000 + seq;
    d.method = QStringLiteral("POST");
    d.path = QStringLiteral("/hook");
    d.size = 1400;
    d.answerStatus = 200;
    d.signature = status;
    d.reason =
        status == SignatureStatus::Valid ? VerdictReason::Valid : VerdictReason::SignatureTampered;
    d.keyName = QStringLiteral("app");
    d.bodyKind = BodyKind::Jwt;
    d.event.eventType = QStringLiteral("wix.contacts.v4.contact_created");
    d.event.instanceId = QStringLiteral("inst-1");
    d.event.entityFqdn = QStringLiteral("wix.contacts.v4.contact");
    d.event.entityId = QStringLiteral("c-%1").arg(seq);
    d.event.identityTypeText = QStringLiteral("MEMBER");
    d.event.identityId = QStringLiteral("m-1");
    return d;
}
} // namespace

void TestDeliveryListModel::batchesInsertOnce()
{
    DeliveryListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QVector<Delivery> batch;
    for (int i = 1; i <= 500; ++i)
        batch.append(delivery(i, i % 10 == 0 ? SignatureStatus::Invalid : SignatureStatus::Valid));
    model.appendDeliveries(batch);
    model.appendDeliveries({delivery(501)});
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(model.rowCount(), 501);
    QCOMPARE(model.invalidCount(), 50);
    model.appendDeliveries({});
    QCOMPARE(inserted.size(), 2);
}

void TestDeliveryListModel::columnsShowTheDelivery()
{
    DeliveryListModel model;
    Delivery d = delivery(3, SignatureStatus::Invalid);
    d.query = QStringLiteral("a=1");
    ForwardResult forward;
    forward.status = 500;
    d.forward = forward;
    model.appendDeliveries({d});
    const auto text = [&](int column) { return model.index(0, column).data().toString(); };
    QCOMPARE(text(DeliveryListModel::SeqColumn), QStringLiteral("3"));
    QCOMPARE(text(DeliveryListModel::RequestColumn), QStringLiteral("POST /hook?a=1"));
    QCOMPARE(text(DeliveryListModel::EventTypeColumn),
             QStringLiteral("wix.contacts.v4.contact_created"));
    QCOMPARE(text(DeliveryListModel::EntityColumn), QStringLiteral("wix.contacts.v4.contact/c-3"));
    QCOMPARE(text(DeliveryListModel::IdentityColumn), QStringLiteral("MEMBER m-1"));
    QCOMPARE(text(DeliveryListModel::SignatureColumn),
             QStringLiteral("invalid: signature_tampered"));
    QCOMPARE(text(DeliveryListModel::AnswerColumn), QStringLiteral("200"));
    QVERIFY(text(DeliveryListModel::FlagsColumn).contains(QStringLiteral("Wix would retry")));
    QCOMPARE(model.index(0, 0).data(DeliveryListModel::SeqRole).toLongLong(), qint64(3));
    QCOMPARE(model.index(0, DeliveryListModel::SizeColumn)
                 .data(DeliveryListModel::SortRole)
                 .toLongLong(),
             qint64(1400));
    QCOMPARE(model.headerData(DeliveryListModel::EventTypeColumn, Qt::Horizontal).toString(),
             QStringLiteral("Event type"));
}

void TestDeliveryListModel::rowForSeq()
{
    DeliveryListModel model;
    model.appendDeliveries({delivery(2), delivery(5), delivery(9)});
    QCOMPARE(model.rowForSeq(5), 1);
    QCOMPARE(model.rowForSeq(9), 2);
    QCOMPARE(model.rowForSeq(4), -1);
    QCOMPARE(model.rowForSeq(10), -1);
}

void TestDeliveryListModel::repeatedStringsAreShared()
{
    DeliveryListModel model;
    model.appendDeliveries({delivery(1), delivery(2)});
    // One allocation for an event type seen twice.
    QCOMPARE(model.rowAt(0).eventType.constData(), model.rowAt(1).eventType.constData());
    QVERIFY(model.rowAt(0).entity.constData() != model.rowAt(1).entity.constData());
}

void TestDeliveryListModel::setRowsResetsOnce()
{
    DeliveryListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QVector<DeliveryRow> rows;
    for (int i = 1; i <= 10; ++i)
        rows.append(DeliveryRow::fromDelivery(delivery(i)));
    model.setRows(rows);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), 10);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

namespace {
// A reader's page: rows whose texts are ids into `reader`, and the texts it gained.
DeliveryRowPage pageOf(const QVector<DeliveryRow> &rows, StringPool &reader)
{
    DeliveryRowPage page;
    page.firstStringId = quint32(reader.size());
    for (const DeliveryRow &row : rows)
        page.rows.append(PackedDeliveryRow::pack(row, reader));
    for (int id = int(page.firstStringId); id < reader.size(); ++id)
        page.strings.append(reader.at(quint32(id)));
    return page;
}

QVector<DeliveryRow> rowsOf(int from, int to)
{
    QVector<DeliveryRow> rows;
    for (int i = from; i <= to; ++i)
        rows.append(DeliveryRow::fromDelivery(delivery(i)));
    return rows;
}
} // namespace

void TestDeliveryListModel::pagesResetThenInsert()
{
    DeliveryListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.appendRows(rowsOf(100, 101)); // what the list showed before: replaced
    StringPool reader;
    DeliveryRowPage first = pageOf(rowsOf(1, 3), reader);
    first.totalHint = 5;
    model.appendPage(first, true);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), 3);
    // The second page brings only the texts the first did not have.
    const DeliveryRowPage second = pageOf(rowsOf(4, 5), reader);
    QCOMPARE(second.firstStringId, quint32(first.firstStringId + first.strings.size()));
    QCOMPARE(second.strings.size(), 2); // two new entities
    model.appendPage(second, false);
    QCOMPARE(inserted.size(), 2); // the rows of its own, then the second page
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), 5);
    for (int row = 0; row < 5; ++row) {
        QCOMPARE(model.rowAt(row).entity,
                 QStringLiteral("wix.contacts.v4.contact/c-%1").arg(row + 1));
        QCOMPARE(model.index(row, DeliveryListModel::EventTypeColumn).data().toString(),
                 QStringLiteral("wix.contacts.v4.contact_created"));
    }
    QCOMPARE(model.rowForSeq(4), 3);
}

void TestDeliveryListModel::pagesAfterRowsOfItsOwnAreMapped()
{
    DeliveryListModel model;
    StringPool reader;
    model.appendPage(pageOf(rowsOf(1, 2), reader), true);
    // A row of the model's own puts texts in its pool the reader knows nothing of...
    QVector<DeliveryRow> own = rowsOf(3, 3);
    own.first().eventType = QStringLiteral("AppInstalled");
    model.appendRows(own);
    // ...so the reader's next ids mean other texts here, and are mapped.
    QVector<DeliveryRow> later = rowsOf(4, 5);
    later[1].eventType = QStringLiteral("wix.contacts.v4.contact_updated");
    model.appendPage(pageOf(later, reader), false);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.rowAt(2).eventType, QStringLiteral("AppInstalled"));
    QCOMPARE(model.rowAt(3).eventType, QStringLiteral("wix.contacts.v4.contact_created"));
    QCOMPARE(model.rowAt(4).eventType, QStringLiteral("wix.contacts.v4.contact_updated"));
    QCOMPARE(model.rowAt(4).entity, QStringLiteral("wix.contacts.v4.contact/c-5"));
    QCOMPARE(model.rowAt(0).eventType.constData(), model.rowAt(3).eventType.constData());
}

void TestDeliveryListModel::columnOrderIsTheSortRoleOrder_data()
{
    QTest::addColumn<int>("column");
    for (int column = 0; column < DeliveryListModel::ColumnCount; ++column)
        QTest::newRow(qPrintable(DeliveryListModel().headerData(column, Qt::Horizontal).toString()))
            << column;
}

void TestDeliveryListModel::columnOrderIsTheSortRoleOrder()
{
    QFETCH(int, column);
    // Texts that differ only in case, prefixes of each other, repeats, every kind of row.
    const QStringList types = {QStringLiteral("b"),  QStringLiteral("B"),   QStringLiteral("a"),
                               QStringLiteral("ab"), QStringLiteral("a b"), QString()};
    QVector<Delivery> deliveries;
    for (int i = 1; i <= 60; ++i) {
        Delivery d = delivery(i, SignatureStatus(i % 4));
        d.method = i % 5 == 0 ? QStringLiteral("GET") : QStringLiteral("POST");
        d.path = QStringLiteral("/p%1").arg(i % 3);
        d.size = (i * 37) % 11;
        d.answerStatus = i % 3 == 0 ? 500 : 200;
        d.event.eventType = types.at(i % types.size());
        d.event.instanceId = types.at((i / 2) % types.size());
        d.event.entityId = types.at((i / 3) % types.size());
        d.event.identityTypeText = types.at((i / 4) % types.size());
        d.keyName = types.at((i / 5) % types.size());
        d.bodyKind = BodyKind(i % 8);
        d.analysis.flags = quint32(i % 7);
        deliveries.append(d);
    }
    DeliveryListModel model;
    model.appendDeliveries(deliveries);
    const auto sortKey = [&](int row) {
        return model.index(row, column).data(DeliveryListModel::SortRole);
    };
    // What QSortFilterProxyModel does with SortRole, texts without case, ties in row order.
    const auto roleLess = [&](int a, int b) {
        const QVariant left = sortKey(a);
        const QVariant right = sortKey(b);
        if (left.userType() == QMetaType::QString)
            return left.toString().compare(right.toString(), Qt::CaseInsensitive) < 0;
        return left.toLongLong() < right.toLongLong();
    };
    QVector<int> expected(model.rowCount());
    std::iota(expected.begin(), expected.end(), 0);
    std::stable_sort(expected.begin(), expected.end(), roleLess);

    const DeliveryColumnOrder order(model, column);
    const std::vector<quint64> keys = order.keys();
    QVector<int> byKeys = QVector<int>(model.rowCount());
    std::iota(byKeys.begin(), byKeys.end(), 0);
    std::stable_sort(byKeys.begin(), byKeys.end(),
                     [&](int a, int b) { return keys[std::size_t(a)] < keys[std::size_t(b)]; });
    QCOMPARE(byKeys, expected);
    QVector<int> byLess = QVector<int>(model.rowCount());
    std::iota(byLess.begin(), byLess.end(), 0);
    std::stable_sort(byLess.begin(), byLess.end(), [&](int a, int b) { return order.less(a, b); });
    QCOMPARE(byLess, expected);
}

QTEST_GUILESS_MAIN(TestDeliveryListModel)
#include "tst_deliverylistmodel.moc"
