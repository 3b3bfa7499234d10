#include "capture/delivery.h"
#include "comparedialog.h"
#include "models/deliverydiffmodel.h"
#include "testkeys.h"
#include "tokenfactory.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QtTest>

class TestCompareDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void resignedCopiesDecodeTheSame();
    void fieldLevelDiff();
    void addedAndRemovedFields();
    void payloadTextStaysPlain();
    void copyAsText();

private:
    QByteArray token(const QString &firstName, qint64 iat, const QString &extraKey = {}) const;
    TestKeyPair m_key;
};

namespace {
const QString kFirstNamePath =
    QStringLiteral("payload.data.data.createdEvent.entity.info.name.first");

QStringList rows(const QAbstractItemModel &model)
{
    QStringList lines;
    for (int row = 0; row < model.rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < model.columnCount(); ++column)
            cells << model.index(row, column).data().toString();
        lines << cells.join(QStringLiteral(" | "));
    }
    return lines;
}
} // namespace

void TestCompareDialog::initTestCase()
{
    m_key = TestKeyPair::generate();
}

QByteArray TestCompareDialog::token(const QString &firstName, qint64 iat,
                                    const QString &extraKey) const
{
    QJsonObject envelope = TokenFactory::loadExample(QStringLiteral("contact_created.json"));
    QJsonObject data = envelope.value(QStringLiteral("data")).toObject();
    QJsonObject created = data.value(QStringLiteral("createdEvent")).toObject();
    QJsonObject entity = created.value(QStringLiteral("entity")).toObject();
    QJsonObject info = entity.value(QStringLiteral("info")).toObject();
    QJsonObject name = info.value(QStringLiteral("name")).toObject();
    name.insert(QStringLiteral("first"), firstName);
    if (!extraKey.isEmpty())
        name.insert(extraKey, true);
    info.insert(QStringLiteral("name"), name);
    entity.insert(QStringLiteral("info"), info);
    created.insert(QStringLiteral("entity"), entity);
    data.insert(QStringLiteral("createdEvent"), created);
    envelope.insert(QStringLiteral("data"), data);
    return TokenFactory::signRs256(TokenFactory::wixClaims(envelope, iat), m_key.privateKey);
}

void TestCompareDialog::resignedCopiesDecodeTheSame()
{
    CompareDialog dialog;
    QAbstractItemModelTester tester(dialog.diffModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    Delivery left;
    left.seq = 3;
    left.body = token(QStringLiteral("Ada"), 1700000000);
    Delivery right;
    right.seq = 7;
    right.body = token(QStringLiteral("Ada"), 1700000600); // re-signed later: iat differs
    QVERIFY(left.body != right.body);
    dialog.setDeliveries(left, right);
    QCOMPARE(dialog.changeCount(), 0);
    QCOMPARE(dialog.objectName(), QStringLiteral("compareDialog"));
    QVERIFY(
        dialog.summaryText().startsWith(QStringLiteral("Left #3 and right #7 decode the same")));
    QVERIFY(dialog.windowTitle().contains(QStringLiteral("#3")));
}

void TestCompareDialog::fieldLevelDiff()
{
    CompareDialog dialog;
    QAbstractItemModelTester tester(dialog.diffModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(dialog.diffModel(), &QAbstractItemModel::modelReset);
    dialog.setBodies(1, token(QStringLiteral("Ada"), 1700000000), 2,
                     token(QStringLiteral("Grace"), 1700000100));
    QCOMPARE(resets.size(), 1);
    QCOMPARE(
        rows(*dialog.diffModel()),
        (QStringList{QStringLiteral("changed | %1 | \"Ada\" | \"Grace\"").arg(kFirstNamePath)}));
    QCOMPARE(dialog.diffModel()->headerData(0, Qt::Horizontal).toString(), QStringLiteral("Op"));
    QVERIFY(dialog.summaryText().contains(QStringLiteral("differ in 1 field ")));
    auto *table = dialog.findChild<QTableView *>(QStringLiteral("compareTable"));
    QVERIFY(table);
    QCOMPARE(table->model(), dialog.diffModel());
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("compareSummary"))->textFormat(),
             Qt::PlainText);
}

void TestCompareDialog::addedAndRemovedFields()
{
    CompareDialog dialog;
    dialog.setBodies(1, token(QStringLiteral("Ada"), 1, QStringLiteral("nickname")), 2,
                     token(QStringLiteral("Ada"), 2, QStringLiteral("title")));
    QStringList ops;
    for (int row = 0; row < dialog.changeCount(); ++row)
        ops << dialog.diffModel()->index(row, DeliveryDiffModel::OpColumn).data().toString() +
                   QLatin1Char(' ') +
                   dialog.diffModel()->index(row, DeliveryDiffModel::PathColumn).data().toString();
    const QString name = QStringLiteral("payload.data.data.createdEvent.entity.info.name.");
    QCOMPARE(ops, (QStringList{QStringLiteral("removed ") + name + QStringLiteral("nickname"),
                               QStringLiteral("added ") + name + QStringLiteral("title")}));
    // The absent side is empty.
    QCOMPARE(dialog.diffModel()->index(0, DeliveryDiffModel::RightColumn).data().toString(),
             QString());
    QCOMPARE(dialog.diffModel()->index(1, DeliveryDiffModel::LeftColumn).data().toString(),
             QString());
    QCOMPARE(dialog.diffModel()->index(1, DeliveryDiffModel::RightColumn).data().toString(),
             QStringLiteral("true"));
    QVERIFY(dialog.summaryText().contains(QStringLiteral("differ in 2 fields")));
}

void TestCompareDialog::payloadTextStaysPlain()
{
    CompareDialog dialog;
    dialog.setBodies(1, token(QStringLiteral("<b>Ada</b>"), 1), 2,
                     token(QStringLiteral("<img src=x>"), 2));
    QCOMPARE(dialog.diffModel()->index(0, DeliveryDiffModel::LeftColumn).data().toString(),
             QStringLiteral("\"<b>Ada</b>\""));
    QCOMPARE(dialog.diffModel()->index(0, DeliveryDiffModel::RightColumn).data().toString(),
             QStringLiteral("\"<img src=x>\""));
    // Not a JWT at all: both sides decode to their raw trees, still a plain diff.
    dialog.setBodies(1, "not a token", 2, "not a token");
    QCOMPARE(dialog.changeCount(), 0);
}

void TestCompareDialog::copyAsText()
{
    CompareDialog dialog;
    dialog.setBodies(1, token(QStringLiteral("Ada"), 1), 2, token(QStringLiteral("Grace"), 2));
    QCOMPARE(dialog.diffText(),
             QStringLiteral("~ ") + kFirstNamePath + QStringLiteral(": \"Ada\" -> \"Grace\""));
    auto *copy = dialog.findChild<QPushButton *>(QStringLiteral("compareCopyButton"));
    QVERIFY(copy);
    copy->click();
    QCOMPARE(QApplication::clipboard()->text(), dialog.diffText());
}

QTEST_MAIN(TestCompareDialog)
#include "tst_comparedialog.moc"
