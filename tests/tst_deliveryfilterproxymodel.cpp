#include "deliveryfilterproxymodel.h"
#include "extracolumnsproxymodel.h"

#include <QAbstractItemModelTester>
#include <QtTest>

#include <algorithm>
#include <numeric>

class TestDeliveryFilterProxyModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void filterAndSortAsTheSortRoleOrders_data();
    void filterAndSortAsTheSortRoleOrders();
    void newRowsArePlacedInOrder_data();
    void newRowsArePlacedInOrder();
    void filterIsOneLayoutChange();
    void selectionFollowsItsRows();
    void resetFollowsTheList();

private:
    QVector<int> expectedRows(const DeliveryFilter &filter, int column, Qt::SortOrder order) const;
    QVector<int> shownRows() const;

    std::unique_ptr<DeliveryListModel> m_list;
    std::unique_ptr<ExtraColumnsProxyModel> m_extra;
    std::unique_ptr<DeliveryFilterProxyModel> m_proxy;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

namespace {
// Rows of every kind, texts that differ only in case, repeats.
DeliveryRow row(int i)
{
    static const QStringList types = {QStringLiteral("wix.contacts.v4.contact_created"),
                                      QStringLiteral("wix.contacts.v4.contact_updated"),
                                      QStringLiteral("AppInstalled"),
                                      QStringLiteral("appinstalled"),
                                      QStringLiteral("OrderPaid"),
                                      QString()};
    DeliveryRow r;
    r.seq = i + 1;
    r.arrivalMs = 1700000000000 + i;
    r.method = i % 7 == 0 ? QStringLiteral("GET") : QStringLiteral("POST");
    r.target = QStringLiteral("/hook/%1").arg(i % 4);
    r.eventType = types.at((i * 7) % types.size());
    r.instanceId = QStringLiteral("inst-%1").arg(i % 3);
    r.entity = QStringLiteral("wix.contacts.v4.contact/e-%1").arg((i * 13) % 17);
    r.identity = i % 2 ? QStringLiteral("MEMBER m-%1").arg(i % 5) : QString();
    r.keyName = i % 3 ? QStringLiteral("shop") : QString();
    r.reasonCode = QStringLiteral("valid");
    r.size = (i * 31) % 23;
    r.answerStatus = i % 5 == 0 ? 500 : 200;
    r.signature = SignatureStatus(i % 4);
    r.bodyKind = BodyKind(i % 8);
    r.analysisFlags = quint32((i * 5) % 9);
    return r;
}

QVector<DeliveryRow> rows(int from, int to)
{
    QVector<DeliveryRow> result;
    for (int i = from; i < to; ++i)
        result.append(row(i));
    return result;
}

// QSortFilterProxyModel's comparison of SortRole values, texts without case.
bool sortRoleLess(const QVariant &left, const QVariant &right)
{
    if (!left.isValid())
        return false;
    if (!right.isValid())
        return true;
    if (left.userType() == QMetaType::QString)
        return left.toString().compare(right.toString(), Qt::CaseInsensitive) < 0;
    return left.toLongLong() < right.toLongLong();
}
} // namespace

void TestDeliveryFilterProxyModel::init()
{
    m_list = std::make_unique<DeliveryListModel>();
    m_extra = std::make_unique<ExtraColumnsProxyModel>();
    m_extra->setSourceModel(m_list.get());
    m_proxy = std::make_unique<DeliveryFilterProxyModel>();
    m_proxy->setSourceModel(m_extra.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_proxy.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_list->appendRows(rows(0, 200));
}

void TestDeliveryFilterProxyModel::cleanup()
{
    m_tester.reset();
    m_proxy.reset();
    m_extra.reset();
    m_list.reset();
}

QVector<int> TestDeliveryFilterProxyModel::expectedRows(const DeliveryFilter &filter, int column,
                                                        Qt::SortOrder order) const
{
    QVector<int> expected;
    for (int i = 0; i < m_list->rowCount(); ++i) {
        if (filter.matches(m_list->rowAt(i)))
            expected.append(i);
    }
    const auto key = [&](int row) {
        return m_list->index(row, column).data(DeliveryListModel::SortRole);
    };
    std::stable_sort(expected.begin(), expected.end(), [&](int a, int b) {
        return order == Qt::AscendingOrder ? sortRoleLess(key(a), key(b))
                                           : sortRoleLess(key(b), key(a));
    });
    return expected;
}

QVector<int> TestDeliveryFilterProxyModel::shownRows() const
{
    QVector<int> shown;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        shown.append(m_proxy->mapToSource(m_proxy->index(row, 0)).row());
    return shown;
}

void TestDeliveryFilterProxyModel::filterAndSortAsTheSortRoleOrders_data()
{
    QTest::addColumn<QString>("filter");
    for (const char *filter : {"", "type:appinstalled", "-sig:valid", "status:5* kind:jwt", "shop"})
        QTest::newRow(*filter ? filter : "no filter") << QString::fromLatin1(filter);
}

void TestDeliveryFilterProxyModel::filterAndSortAsTheSortRoleOrders()
{
    QFETCH(QString, filter);
    const DeliveryFilter parsed = DeliveryFilter::parse(filter);
    QVERIFY(parsed.isValid());
    m_proxy->setFilter(parsed);
    for (int column = 0; column < DeliveryListModel::ColumnCount; ++column) {
        for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            m_proxy->sort(column, order);
            QCOMPARE(m_proxy->sortColumn(), column);
            QCOMPARE(shownRows(), expectedRows(parsed, column, order));
        }
    }
    QCOMPARE(m_proxy->seqAt(0), m_list->seqAt(shownRows().first()));
}

void TestDeliveryFilterProxyModel::newRowsArePlacedInOrder_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addColumn<QString>("filter");
    QTest::newRow("seq, newest last")
        << int(DeliveryListModel::SeqColumn) << Qt::AscendingOrder << QString();
    QTest::newRow("seq, newest first")
        << int(DeliveryListModel::SeqColumn) << Qt::DescendingOrder << QString();
    QTest::newRow("event type") << int(DeliveryListModel::EventTypeColumn) << Qt::AscendingOrder
                                << QString();
    QTest::newRow("entity, filtered") << int(DeliveryListModel::EntityColumn) << Qt::DescendingOrder
                                      << QStringLiteral("-type:order*");
    QTest::newRow("signature") << int(DeliveryListModel::SignatureColumn) << Qt::AscendingOrder
                               << QString();
}

void TestDeliveryFilterProxyModel::newRowsArePlacedInOrder()
{
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    QFETCH(QString, filter);
    m_proxy->setFilter(DeliveryFilter::parse(filter));
    m_proxy->sort(column, order);
    QSignalSpy inserted(m_proxy.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy resets(m_proxy.get(), &QAbstractItemModel::modelReset);
    for (const int size : {1, 3, 40}) {
        const int first = m_list->rowCount();
        m_list->appendRows(rows(first, first + size));
        QCOMPARE(shownRows(), expectedRows(DeliveryFilter::parse(filter), column, order));
    }
    QCOMPARE(resets.size(), 0);
    if (column == DeliveryListModel::SeqColumn)
        QCOMPARE(inserted.size(), 3); // a batch of new rows is one block
}

void TestDeliveryFilterProxyModel::filterIsOneLayoutChange()
{
    QSignalSpy layouts(m_proxy.get(), &QAbstractItemModel::layoutChanged);
    QSignalSpy removed(m_proxy.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy resets(m_proxy.get(), &QAbstractItemModel::modelReset);
    m_proxy->setFilter(DeliveryFilter::parse(QStringLiteral("type:contact_updated")));
    QCOMPARE(layouts.size(), 1);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(resets.size(), 0);
    QVERIFY(m_proxy->rowCount() > 0 && m_proxy->rowCount() < m_list->rowCount());
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        QCOMPARE(m_proxy->index(row, DeliveryListModel::EventTypeColumn).data().toString(),
                 QStringLiteral("wix.contacts.v4.contact_updated"));
}

void TestDeliveryFilterProxyModel::selectionFollowsItsRows()
{
    const QPersistentModelIndex kept = m_proxy->index(10, DeliveryListModel::EventTypeColumn);
    const QPersistentModelIndex hidden = m_proxy->index(11, 0);
    const QString keptType = kept.data().toString();
    const qint64 keptSeq = m_proxy->seqAt(kept.row());
    m_proxy->sort(DeliveryListModel::SizeColumn, Qt::DescendingOrder);
    QVERIFY(kept.isValid());
    QCOMPARE(m_proxy->seqAt(kept.row()), keptSeq);
    QCOMPARE(kept.column(), int(DeliveryListModel::EventTypeColumn));
    m_proxy->setFilter(DeliveryFilter::parse(QStringLiteral("type:\"%1\"").arg(keptType)));
    QVERIFY(kept.isValid());
    QCOMPARE(m_proxy->seqAt(kept.row()), keptSeq);
    if (m_list->rowAt(11).eventType.compare(keptType, Qt::CaseInsensitive) != 0)
        QVERIFY(!hidden.isValid());
    QCOMPARE(m_proxy->mapFromSource(m_extra->index(10, 0)).row(), kept.row());
}

void TestDeliveryFilterProxyModel::resetFollowsTheList()
{
    m_proxy->sort(DeliveryListModel::EventTypeColumn, Qt::AscendingOrder);
    QSignalSpy resets(m_proxy.get(), &QAbstractItemModel::modelReset);
    m_list->setRows(rows(0, 10));
    QCOMPARE(resets.size(), 1);
    QCOMPARE(shownRows(), expectedRows(DeliveryFilter(), DeliveryListModel::EventTypeColumn,
                                       Qt::AscendingOrder));
    m_list->clear();
    QCOMPARE(m_proxy->rowCount(), 0);
}

QTEST_MAIN(TestDeliveryFilterProxyModel)
#include "tst_deliveryfilterproxymodel.moc"
