#pragma once

#include <QJsonObject>
#include <QString>
#include <QVector>

// Like Wireshark's expert info: what a finding weighs.
enum class Severity { Note, Warning, Error };
QString severityName(Severity severity);

struct Finding
{
    Severity severity = Severity::Note;
    QString code;    // short and stable: "dup.retry", "order.older", ...
    QString message; // in words, naming the related delivery
    qint64 relatedSeq = 0;

    QJsonObject toJson() const;
};

// Flags for the list's colouring and the filter terms dup:, order:, gap:, retry:.
enum AnalysisFlag : quint32 {
    FlagDuplicate = 1u << 0,
    FlagDuplicateRetry = 1u << 1, // the earlier delivery failed: Wix retried
    FlagIdenticalToken = 1u << 2, // byte-identical to the earlier delivery's token
    FlagOutOfOrder = 1u << 3,
    FlagSequenceGap = 1u << 4,
    FlagLateRetry = 1u << 5, // arrived at an offset of Wix's retry schedule
    FlagMissingCreate = 1u << 6,
    FlagAfterDelete = 1u << 7,
    FlagStaleState = 1u << 8, // a receiver applying in arrival order now holds stale state
    FlagBadSignature = 1u << 9,
};

enum class DuplicateKind { None, Retry, Redundant };

struct DeliveryAnalysis
{
    quint32 flags = 0;
    qint64 duplicateOf = 0; // seq of the event's first delivery
    int duplicateIndex = 0; // k in "duplicate #k"
    DuplicateKind duplicateKind = DuplicateKind::None;
    qint64 outOfOrderAfter = 0; // seq of the newer delivery it is older than
    qint64 sequenceGap = 0;     // how many sequence numbers are missing before it
    int likelyRetryAttempt = 0;
    QVector<Finding> findings;

    bool has(AnalysisFlag flag) const { return flags & flag; }
    Severity worstSeverity() const; // Note when there are no findings
    // The `report --json` fields: duplicate_of, duplicate_kind, out_of_order_after,
    // sequence_gap, likely_retry_attempt (null when not flagged) and findings.
    void writeJson(QJsonObject &json) const;
    QByteArray findingsJson() const; // UTF-8, for the session's findings column
    static QVector<Finding> findingsFromJson(const QString &text);
};
