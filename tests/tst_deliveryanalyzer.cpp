#include "analysis/deliveryanalyzer.h"
#include "analysis/wixretryschedule.h"

#include <QRandomGenerator>
#include <QtTest>

class TestDeliveryAnalyzer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scripted_data();
    void scripted();
    void duplicateKinds();
    void tokenDigestIsSha256OfTheTrimmedToken();
    void appEventsDeduplicateByContent();
    void retryScheduleOffsets_data();
    void retryScheduleOffsets();
    void lateByCenturies();
    void staleStateFromADuplicate();
    void bigSequenceNumbers();
    void timeOrderWithoutSequence();
    void shuffledSequencesMatchSequenceOrder();
};

namespace {
constexpr qint64 kT0 = 1700000000000; // ms

// One standardized event: entity "e<entity>", sequence `sequence`, event id "ev<id>".
AnalysisInput makeEvent(qint64 seq, int entity, int sequence, int id = -1,
                        WixEventKind kind = WixEventKind::Updated, const char *instance = "inst-1")
{
    AnalysisInput in;
    in.seq = seq;
    in.arrivalMs = kT0 + seq * 1000;
    in.eventType = QStringLiteral("wix.contacts.v4.contact_updated");
    in.instanceId = QLatin1String(instance);
    in.eventId = QStringLiteral("ev%1").arg(id < 0 ? entity * 1000 + sequence : id);
    in.tokenDigest = "token-" + QByteArray::number(seq);
    in.entityFqdn = QStringLiteral("wix.contacts.v4.contact");
    in.entityId = QStringLiteral("e%1").arg(entity);
    in.shape = WixEventShape::Standardized;
    in.kind = kind;
    in.sequence = QString::number(sequence);
    in.eventTime =
        QDateTime::fromMSecsSinceEpoch(in.arrivalMs - 500, Qt::UTC).toString(Qt::ISODateWithMs);
    in.signature = SignatureStatus::Valid;
    in.bodyKind = BodyKind::Jwt;
    in.answerSummary = QStringLiteral("200");
    return in;
}

QString flagsOf(const DeliveryAnalysis &a)
{
    QStringList names;
    const struct
    {
        AnalysisFlag flag;
        const char *name;
    } all[] = {{FlagDuplicate, "dup"},          {FlagDuplicateRetry, "retry"},
               {FlagIdenticalToken, "same"},    {FlagOutOfOrder, "order"},
               {FlagSequenceGap, "gap"},        {FlagLateRetry, "late"},
               {FlagMissingCreate, "nocreate"}, {FlagAfterDelete, "afterdelete"},
               {FlagStaleState, "stale"},       {FlagBadSignature, "badsig"}};
    for (const auto &f : all) {
        if (a.has(f.flag))
            names << QLatin1String(f.name);
    }
    return names.join(QLatin1Char(','));
}
} // namespace

void TestDeliveryAnalyzer::scripted_data()
{
    QTest::addColumn<QVector<AnalysisInput>>("deliveries");
    QTest::addColumn<QStringList>("flags"); // one entry per delivery

    const auto C = WixEventKind::Created;
    const auto U = WixEventKind::Updated;
    const auto D = WixEventKind::Deleted;
    QTest::newRow("in order") << QVector<AnalysisInput>{makeEvent(1, 1, 1, -1, C),
                                                        makeEvent(2, 1, 2), makeEvent(3, 1, 3)}
                              << QStringList{"", "", ""};
    QTest::newRow("swapped pair") << QVector<AnalysisInput>{makeEvent(1, 1, 1, -1, C),
                                                            makeEvent(2, 1, 3), makeEvent(3, 1, 2)}
                                  << QStringList{"", "gap", "order,stale"};
    QTest::newRow("gap of two") << QVector<AnalysisInput>{makeEvent(1, 1, 1, -1, C),
                                                          makeEvent(2, 1, 4)}
                                << QStringList{"", "gap"};
    QTest::newRow("two entities do not mix")
        << QVector<AnalysisInput>{makeEvent(1, 1, 5, -1, C), makeEvent(2, 2, 1, -1, C),
                                  makeEvent(3, 1, 6), makeEvent(4, 2, 2)}
        << QStringList{"", "", "", ""};
    QTest::newRow("same entity id, other instance, other event id")
        << QVector<AnalysisInput>{makeEvent(1, 1, 1, 7, C, "inst-1"),
                                  makeEvent(2, 1, 2, 7, U, "inst-2")}
        << QStringList{"", ""};
    QTest::newRow("update without create")
        << QVector<AnalysisInput>{makeEvent(1, 1, 1, -1, U)} << QStringList{"nocreate"};
    QTest::newRow("event after delete")
        << QVector<AnalysisInput>{makeEvent(1, 1, 1, -1, C), makeEvent(2, 1, 2, -1, D),
                                  makeEvent(3, 1, 3, -1, U)}
        << QStringList{"", "", "afterdelete"};
    AnalysisInput legacy = makeEvent(1, 0, 0);
    legacy.shape = WixEventShape::Legacy;
    legacy.eventId.clear();
    legacy.entityId.clear();
    legacy.sequence.clear();
    legacy.contentDigest = "digest-a";
    AnalysisInput legacyAgain = legacy;
    legacyAgain.seq = 2;
    legacyAgain.tokenDigest = "other";
    QTest::newRow("legacy: no order, duplicates by content")
        << QVector<AnalysisInput>{legacy, legacyAgain} << QStringList{"", "dup"};
    AnalysisInput bad = makeEvent(1, 1, 1, -1, C);
    bad.signature = SignatureStatus::Invalid;
    bad.reasonCode = QStringLiteral("signature_tampered");
    QTest::newRow("bad signature") << QVector<AnalysisInput>{bad} << QStringList{"badsig"};
}

void TestDeliveryAnalyzer::scripted()
{
    QFETCH(QVector<AnalysisInput>, deliveries);
    QFETCH(QStringList, flags);
    DeliveryAnalyzer analyzer;
    QStringList actual;
    for (const AnalysisInput &input : deliveries)
        actual << flagsOf(analyzer.analyze(input));
    QCOMPARE(actual, flags);
}

void TestDeliveryAnalyzer::duplicateKinds()
{
    DeliveryAnalyzer analyzer;
    AnalysisInput first = makeEvent(1, 1, 1, 42, WixEventKind::Created);
    analyzer.analyze(first);
    AnalysisInput copy = makeEvent(2, 1, 1, 42, WixEventKind::Created);
    copy.tokenDigest = first.tokenDigest;
    const DeliveryAnalysis redundant = analyzer.analyze(copy);
    QCOMPARE(redundant.duplicateOf, qint64(1));
    QCOMPARE(redundant.duplicateIndex, 1);
    QCOMPARE(redundant.duplicateKind, DuplicateKind::Redundant);
    QVERIFY(redundant.has(FlagIdenticalToken));
    QCOMPARE(redundant.findings.first().code, QStringLiteral("dup.redundant"));
    QVERIFY(
        redundant.findings.first().message.contains(QStringLiteral("duplicate #1 of delivery 1")));
    QVERIFY(redundant.findings.first().message.contains(QStringLiteral("the same token")));

    // The copy was answered 500: the next one is Wix retrying, signed anew.
    copy.answeredOk = false;
    copy.answerSummary = QStringLiteral("500");
    DeliveryAnalyzer retrying;
    retrying.analyze(first);
    retrying.analyze(copy);
    AnalysisInput resigned = makeEvent(3, 1, 1, 42, WixEventKind::Created);
    const DeliveryAnalysis retry = retrying.analyze(resigned);
    QCOMPARE(retry.duplicateKind, DuplicateKind::Retry);
    QCOMPARE(retry.duplicateIndex, 2);
    QCOMPARE(retry.duplicateOf, qint64(1));
    QVERIFY(!retry.has(FlagIdenticalToken));
    QVERIFY(retry.findings.first().message.contains(QStringLiteral("re-signed")));
    QVERIFY(retry.findings.first().message.contains(QStringLiteral("answered 500")));
    // A duplicate is not reported out of order nor as a gap.
    QVERIFY(!retry.has(FlagOutOfOrder));
    QCOMPARE(retry.outOfOrderAfter, qint64(0));

    QJsonObject json;
    retry.writeJson(json);
    QCOMPARE(json[QStringLiteral("duplicate_of")].toInteger(), qint64(1));
    QCOMPARE(json[QStringLiteral("duplicate_kind")].toString(), QStringLiteral("retry"));
    QVERIFY(json[QStringLiteral("out_of_order_after")].isNull());
    QVERIFY(json[QStringLiteral("sequence_gap")].isNull());
    QCOMPARE(json[QStringLiteral("findings")].toArray().size(), 1);
}

void TestDeliveryAnalyzer::appEventsDeduplicateByContent()
{
    const auto app = [](qint64 seq, const QByteArray &digest, const char *opTime) {
        AnalysisInput in;
        in.seq = seq;
        in.arrivalMs = kT0 + seq;
        in.eventType = QStringLiteral("PaidPlanPurchased");
        in.instanceId = QStringLiteral("inst-9");
        in.contentDigest = digest;
        in.tokenDigest = "t" + QByteArray::number(seq);
        in.shape = WixEventShape::AppManagement;
        in.operationTimeStamp = QLatin1String(opTime);
        in.signature = SignatureStatus::Valid;
        return in;
    };
    DeliveryAnalyzer analyzer;
    QCOMPARE(flagsOf(analyzer.analyze(app(1, "plan-b", "2023-11-14T22:13:20.200Z"))), QString());
    QCOMPARE(flagsOf(analyzer.analyze(app(2, "plan-a", "2023-11-14T22:13:20.100Z"))),
             QStringLiteral("order,stale"));
    QCOMPARE(flagsOf(analyzer.analyze(app(3, "plan-b", "2023-11-14T22:13:20.200Z"))),
             QStringLiteral("dup"));
    QCOMPARE(DeliveryAnalyzer::entityKeyOf(app(1, "x", "")), QStringLiteral("app/inst-9"));
}

void TestDeliveryAnalyzer::retryScheduleOffsets_data()
{
    QTest::addColumn<qint64>("lateMs");
    QTest::addColumn<int>("attempt");
    const qint64 min = 60 * 1000;
    QTest::newRow("on time") << qint64(2000) << 0;
    QTest::newRow("attempt 1 (1 min)") << 61 * qint64(1000) << 1;
    QTest::newRow("attempt 2 (11 min)") << 11 * min + 3000 << 2;
    QTest::newRow("attempt 3 (1 h 11 min)") << 71 * min << 3;
    QTest::newRow("attempt 4 (3 h 11 min)") << 191 * min << 4;
    QTest::newRow("attempt 12 (47 h 11 min)") << (47 * 60 + 11) * min << 12;
    QTest::newRow("between attempts") << 30 * min << 0;
}

void TestDeliveryAnalyzer::retryScheduleOffsets()
{
    QFETCH(qint64, lateMs);
    QFETCH(int, attempt);
    AnalysisInput in = makeEvent(1, 1, 1, -1, WixEventKind::Created);
    in.arrivalMs = kT0 + lateMs;
    in.eventTime = QDateTime::fromMSecsSinceEpoch(kT0, Qt::UTC).toString(Qt::ISODateWithMs);
    DeliveryAnalyzer analyzer;
    const DeliveryAnalysis a = analyzer.analyze(in);
    QCOMPARE(a.likelyRetryAttempt, attempt);
    QCOMPARE(a.has(FlagLateRetry), attempt > 0);
    QCOMPARE(WixRetrySchedule::offsetOfAttemptMs(12), (47 * 60 + 11) * 60 * qint64(1000));
}

void TestDeliveryAnalyzer::lateByCenturies()
{
    // Found by fuzz_har: 2,022 years late is more nanoseconds than a qint64 holds.
    AnalysisInput in = makeEvent(1, 1, 1, -1, WixEventKind::Created);
    in.arrivalMs = kT0;
    in.eventTime = QStringLiteral("0001-01-01T00:00:00Z");
    DeliveryAnalyzer analyzer;
    const DeliveryAnalysis a = analyzer.analyze(in);
    QVERIFY(!a.has(FlagLateRetry));
    QCOMPARE(a.findings.size(), 1);
    QCOMPARE(a.findings.front().message,
             QStringLiteral("late: arrived 17732110.2 h after the event"));
}

void TestDeliveryAnalyzer::staleStateFromADuplicate()
{
    // Wix re-sends an old event with its old data: a receiver that applies it
    // in arrival order goes back in time.
    DeliveryAnalyzer analyzer;
    analyzer.analyze(makeEvent(1, 1, 1, -1, WixEventKind::Created));
    analyzer.analyze(makeEvent(2, 1, 2));
    AnalysisInput again = makeEvent(3, 1, 1, -1, WixEventKind::Created);
    const DeliveryAnalysis a = analyzer.analyze(again);
    QVERIFY(a.has(FlagDuplicate));
    QVERIFY(a.has(FlagStaleState));
    QCOMPARE(analyzer.staleEntities(), QStringList{QStringLiteral("wix.contacts.v4.contact/e1")});
    QVERIFY(!analyzer.analyze(makeEvent(4, 1, 3)).has(FlagStaleState));
    QVERIFY(analyzer.staleEntities().isEmpty());
}

void TestDeliveryAnalyzer::bigSequenceNumbers()
{
    DeliveryAnalyzer analyzer;
    AnalysisInput a = makeEvent(1, 1, 0, -1, WixEventKind::Created);
    a.sequence = QStringLiteral("123456789012345678901234567890");
    AnalysisInput b = makeEvent(2, 1, 0, 5);
    b.sequence = QStringLiteral("99999999999999999999999999999"); // one digit shorter: smaller
    analyzer.analyze(a);
    QVERIFY(analyzer.analyze(b).has(FlagOutOfOrder));
    QCOMPARE(SequenceNumber::parse(QStringLiteral("010"))
                 .compare(SequenceNumber::parse(QStringLiteral("9"))),
             1);
    QVERIFY(!SequenceNumber::parse(QStringLiteral("12a")).isValid());
}

void TestDeliveryAnalyzer::timeOrderWithoutSequence()
{
    DeliveryAnalyzer analyzer;
    AnalysisInput first = makeEvent(1, 1, 0, -1, WixEventKind::Created);
    first.sequence.clear();
    first.eventTime = QStringLiteral("2023-11-14T22:13:20.000000002Z");
    AnalysisInput second = makeEvent(2, 1, 0, 9);
    second.sequence.clear();
    second.eventTime = QStringLiteral("2023-11-14T22:13:20.000000001Z"); // 1 ns older
    analyzer.analyze(first);
    const DeliveryAnalysis a = analyzer.analyze(second);
    QVERIFY(a.has(FlagOutOfOrder));
    QCOMPARE(a.outOfOrderAfter, qint64(1));
    QVERIFY2(a.findings.value(0).message.contains(QStringLiteral("by 1 ns")),
             qPrintable(a.findings.value(0).message));
}

void TestDeliveryAnalyzer::shuffledSequencesMatchSequenceOrder()
{
    // Property: whatever the arrival order, a delivery is out of order exactly when
    // an arrived event of its entity has a higher sequence, has a gap exactly when it
    // jumps past the highest by more than one, and the analysis is deterministic.
    QRandomGenerator random(20261124);
    for (int round = 0; round < 200; ++round) {
        QVector<AnalysisInput> deliveries;
        const int entities = 1 + int(random.bounded(4));
        for (int e = 0; e < entities; ++e) {
            const int count = 1 + int(random.bounded(12));
            for (int s = 1; s <= count; ++s)
                deliveries.append(
                    makeEvent(0, e, s, -1, s == 1 ? WixEventKind::Created : WixEventKind::Updated));
        }
        std::shuffle(deliveries.begin(), deliveries.end(), random);
        for (int i = 0; i < deliveries.size(); ++i)
            deliveries[i].seq = i + 1;

        DeliveryAnalyzer analyzer;
        DeliveryAnalyzer again;
        QHash<QString, int> highest;
        for (const AnalysisInput &input : std::as_const(deliveries)) {
            const DeliveryAnalysis a = analyzer.analyze(input);
            QCOMPARE(flagsOf(again.analyze(input)), flagsOf(a));
            const int sequence = input.sequence.toInt();
            const int max = highest.value(input.entityId, 0);
            QCOMPARE(a.has(FlagOutOfOrder), max > 0 && sequence < max);
            QCOMPARE(a.has(FlagSequenceGap), max > 0 && sequence > max + 1);
            if (a.has(FlagSequenceGap))
                QCOMPARE(a.sequenceGap, qint64(sequence - max - 1));
            QVERIFY(!a.has(FlagDuplicate));
            highest[input.entityId] = qMax(max, sequence);
        }
    }
}

// Stored in every session: the digest must stay SHA-256 of the token as received,
// trimmed, whatever computes it.
void TestDeliveryAnalyzer::tokenDigestIsSha256OfTheTrimmedToken()
{
    const QByteArray token = "eyJhbGciOiJSUzI1NiJ9.eyJkYXRhIjoie30ifQ.c2ln";
    const QByteArray expected = QCryptographicHash::hash(token, QCryptographicHash::Sha256);
    QCOMPARE(AnalysisInput::tokenDigestOf(token).toHex(), expected.toHex());
    QCOMPARE(AnalysisInput::tokenDigestOf("  " + token + "\r\n").toHex(), expected.toHex());
    QVERIFY(AnalysisInput::tokenDigestOf(token + "x") != expected);
}

QTEST_GUILESS_MAIN(TestDeliveryAnalyzer)
#include "tst_deliveryanalyzer.moc"
