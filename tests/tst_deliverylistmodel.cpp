#include "models/deliverylistmodel.h"

#include <QAbstractItemModelTester>
#include <QtTest>

class TestDeliveryListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void batchesInsertOnce();
    void columnsShowTheDelivery();
    void rowForSeq();
    void repeatedStringsAreShared();
    void setRowsResetsOnce();
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

QTEST_GUILESS_MAIN(TestDeliveryListModel)
#include "tst_deliverylistmodel.moc"
