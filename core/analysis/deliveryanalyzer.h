#pragma once

#include "analysis/analysisinput.h"
#include "analysis/deliveryanalysis.h"
#include "analysis/sequencenumber.h"
#include "wix/wixtimestamp.h"

#include <QHash>
#include <QSet>

// Finds duplicates, out-of-order arrivals, sequence gaps, late retries,
// lifecycle anomalies and stale state, one delivery at a time in arrival (seq)
// order: amortised constant work per delivery, and deterministic for a session.
// The rules, and which wins when two apply, are in README ("How deliveries are analysed").
class DeliveryAnalyzer
{
public:
    DeliveryAnalysis analyze(const AnalysisInput &input);
    void reset();

    int entityCount() const { return int(m_entities.size()); }
    // Entities whose naive (arrival-order) state differs from the sequence-order state.
    QStringList staleEntities() const;
    static QString entityKeyOf(const AnalysisInput &input); // "" when it has no entity

private:
    // What is kept of a key (an event's, an entity's): the first 128 bits of its SHA-256,
    // 16 bytes where the key itself takes a hundred; the keys of a session never collide.
    struct KeyDigest
    {
        quint64 high = 0;
        quint64 low = 0;
        friend bool operator==(const KeyDigest &a, const KeyDigest &b)
        {
            return a.high == b.high && a.low == b.low;
        }
        friend size_t qHash(const KeyDigest &key, size_t seed = 0)
        {
            return size_t(key.low) ^ seed;
        }
    };
    static KeyDigest digestOf(const QByteArray &key);
    // Every event seen, compact: a session of a million events keeps a million of these.
    struct EventState
    {
        qint64 firstSeq = 0;
        qint64 lastSeq = 0;
        quint64 lastToken = 0; // the first 64 bits of the last copy's token digest
        int count = 0;
        quint32 lastAnswer = 0; // in m_answers
        bool lastAnsweredOk = true;
    };
    struct Order
    {
        SequenceNumber sequence;
        WixTimestamp time;
        bool isValid() const { return sequence.isValid() || time.valid; }
    };
    struct EntityState
    {
        SequenceNumber maxSequence;
        qint64 maxSequenceSeq = 0;
        WixTimestamp maxTime;
        qint64 maxTimeSeq = 0;
        bool seenCreate = false;
        qint64 deletedAtSeq = 0;
        bool stale = false;
    };

    void checkDuplicate(const AnalysisInput &input, DeliveryAnalysis &result);
    void checkOrder(const AnalysisInput &input, const Order &order, EntityState &entity,
                    bool duplicate, DeliveryAnalysis &result);
    void checkLifecycle(const AnalysisInput &input, EntityState &entity, bool duplicate,
                        DeliveryAnalysis &result);
    void checkStaleState(const QString &entityKey, const Order &order, EntityState &entity,
                         DeliveryAnalysis &result);
    void checkLateness(const AnalysisInput &input, DeliveryAnalysis &result);
    static Order orderOf(const AnalysisInput &input);

    quint32 answerId(const QString &answer);

    QHash<KeyDigest, EventState> m_events;
    QStringList m_answers; // the answers' summaries ("200", "500", ...), each once
    QHash<QString, quint32> m_answerIds;
    QHash<KeyDigest, EntityState> m_entities;
    QSet<QString> m_staleEntities;
};
