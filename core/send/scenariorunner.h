#pragma once

#include "jwt/jwtsigner.h"
#include "send/tokenmint.h"
#include "send/webhooksender.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QVector>

#include <optional>

// What to send: once; the same event N times (same token or re-signed); a burst
// of K events for one entity, shuffled; an entity's lifecycle; each with Wix's
// retry schedule after failures, time-scaled, rate- and concurrency-limited.
struct ScenarioSpec
{
    QUrl target;
    QJsonObject envelope;      // a template or the user's envelope
    int count = 1;             // distinct events
    int duplicates = 1;        // deliveries of each event
    bool resign = false;       // duplicates signed anew (a later iat), not the same token
    bool shuffle = false;      // send the events in a shuffled order
    int lifecycleUpdates = -1; // >= 0: created, updated x N, deleted, for one entity
    bool retrySchedule = false;
    double timeScale = 1;    // every retry wait divided by this
    double rate = 0;         // sends per second; 0: as fast as allowed
    int concurrency = 1;     // sends in flight at once
    quint32 seed = 0;        // shuffle seed; 0: random
    bool freshValues = true; // fresh ids, eventTime and sequence per event
    std::optional<qint64> expiresInSeconds;
};

struct SendAttempt
{
    int event = 0; // index, 0-based
    QString eventId;
    QString eventType;
    int copy = 1;    // 1..duplicates
    int attempt = 0; // 0: the first delivery, k: Wix's retry k
    qint64 startedMs = 0;
    SendResult result;
};

struct PlannedEvent
{
    QString eventId;
    QString eventType;
};

struct PlannedSend
{
    int event = 0; // index into ScenarioPlan::events
    int copy = 1;  // 1..copies
    QByteArray token;
    qint64 notBeforeMs = 0; // from the start of the run: injected delays
    int signing = -1;       // >= 0: no token yet; it is ScenarioPlan::toSign[signing], signed
                            // while the run goes

    friend bool operator==(const PlannedSend &a, const PlannedSend &b)
    {
        return a.event == b.event && a.copy == b.copy;
    }
};

// Every delivery a run makes, before any retry: from a template (planScenario)
// or from recorded deliveries (a replay).
struct ScenarioPlan
{
    QVector<PlannedEvent> events;
    QVector<PlannedSend> sends;
    int copies = 1;
    // What the runner signs with `signer` as it goes (TokenMint), in the order of the sends:
    // the claims are made from the envelope on the signing threads too.
    QVector<EnvelopeToSign> toSign;
    std::optional<JwtSigner> signer;
};

// The sends of a scenario; their tokens are signed by the runner (ScenarioPlan::toSign).
ScenarioPlan planScenario(const ScenarioSpec &spec, const JwtSigner &signer);

struct ScenarioSummary
{
    int events = 0;
    int delivered = 0; // events finally delivered (each copy counted once per event)
    int failed = 0;
    int attempts = 0;
    int retries = 0;
    qint64 p50LatencyMs = 0;
    qint64 p99LatencyMs = 0;
    bool cancelled = false;
};

class ScenarioRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScenarioRunner)

public:
    ScenarioRunner(ScenarioSpec spec, ScenarioPlan plan, QObject *parent = nullptr);
    ScenarioRunner(const ScenarioSpec &spec, const JwtSigner &signer, QObject *parent = nullptr);

    void start();
    void cancel();
    const QVector<SendAttempt> &attempts() const { return m_attempts; }
    ScenarioSummary summary() const;
    int plannedSends() const { return int(m_queue.size() + m_attempts.size()); }

Q_SIGNALS:
    void attemptFinished(const SendAttempt &attempt);
    void progress(int done, int planned);
    void finished(const ScenarioSummary &summary);

private:
    struct Send
    {
        PlannedSend planned;
        int attempt = 0;
    };

    void pump();
    // Takes the head of the queue's token from the mint; false while it is not signed yet.
    bool headTokenReady();
    void onResult(const Send &send, qint64 startedMs, const SendResult &result);
    void finishIfDone();

    ScenarioSpec m_spec;
    WebhookSender m_sender;
    TokenMint *m_mint = nullptr;
    QVector<int> m_tokenTakers; // per token the mint signs: the sends yet to take it
    QVector<PlannedEvent> m_events;
    int m_copies = 1;
    qint64 m_startMs = 0;
    QVector<Send> m_queue;
    QVector<SendAttempt> m_attempts;
    QVector<int> m_eventState; // 0 pending, 1 delivered, 2 failed for good
    int m_inFlight = 0;
    int m_scheduledRetries = 0;
    qint64 m_lastSendMs = 0;
    bool m_cancelled = false;
    bool m_finished = false;
    QTimer m_pace;
};
