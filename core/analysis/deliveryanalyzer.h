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
    struct EventState
    {
        qint64 firstSeq = 0;
        int count = 0;
        qint64 lastSeq = 0;
        QByteArray lastTokenDigest;
        bool lastAnsweredOk = true;
        QString lastAnswer;
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

    QHash<QByteArray, EventState> m_events;
    QHash<QString, EntityState> m_entities;
    QSet<QString> m_staleEntities;
};
