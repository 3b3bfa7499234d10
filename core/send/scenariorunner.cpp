#include "send/scenariorunner.h"

#include "analysis/wixretryschedule.h"
#include "send/claimstemplate.h"
#include "send/wixenvelope.h"

#include <QDateTime>
#include <QRandomGenerator>

#include <algorithm>

namespace {
qint64 percentile(QVector<qint64> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype index = qsizetype(std::ceil(p * double(values.size()))) - 1;
    return values.at(qBound<qsizetype>(0, index, values.size() - 1));
}
PlannedEvent plannedEvent(const QJsonObject &envelope)
{
    return {envelope.value(QLatin1String("data")).toObject().value(QLatin1String("id")).toString(),
            envelope.value(QLatin1String("eventType")).toString()};
}
} // namespace

ScenarioPlan planScenario(const ScenarioSpec &spec, const JwtSigner &signer)
{
    const qint64 iat = QDateTime::currentSecsSinceEpoch();
    std::optional<qint64> exp;
    if (spec.expiresInSeconds)
        exp = iat + *spec.expiresInSeconds;
    EnvelopeFactory factory;
    factory.freshIds = factory.freshTime = factory.freshSequence = spec.freshValues;
    ScenarioPlan plan;
    // Each event as it will be signed: its envelope, or, where the template's claims compile
    // (ClaimsTemplate), only its fresh values.
    QVector<EnvelopeToSign> events;
    if (spec.lifecycleUpdates >= 0) {
        QVector<QJsonObject> stages{factory.lifecycleStage(spec.envelope, WixEventKind::Created)};
        for (int i = 0; i < spec.lifecycleUpdates; ++i)
            stages.append(factory.lifecycleStage(spec.envelope, WixEventKind::Updated));
        stages.append(factory.lifecycleStage(spec.envelope, WixEventKind::Deleted));
        for (const QJsonObject &envelope : std::as_const(stages)) {
            plan.events.append(plannedEvent(envelope));
            events.append({envelope, iat, exp, {}, {}});
        }
    } else {
        const FreshValues first = factory.fresh(spec.envelope);
        std::shared_ptr<const ClaimsTemplate> compiled;
        if (std::optional<ClaimsTemplate> made = ClaimsTemplate::compile(spec.envelope, first, exp))
            compiled = std::make_shared<const ClaimsTemplate>(std::move(*made));
        const PlannedEvent fromTemplate = plannedEvent(spec.envelope);
        for (int i = 0; i < qMax(1, spec.count); ++i) {
            FreshValues values = i == 0 ? first : factory.fresh(spec.envelope);
            plan.events.append(fromTemplate);
            if (!values.id.isEmpty())
                plan.events.last().eventId = values.id;
            if (compiled)
                events.append({QJsonObject(), iat, exp, compiled, std::move(values)});
            else
                events.append(
                    {EnvelopeFactory::withValues(spec.envelope, values), iat, exp, {}, {}});
        }
    }
    QVector<int> order(events.size());
    std::iota(order.begin(), order.end(), 0);
    if (spec.shuffle) {
        QRandomGenerator random(spec.seed ? spec.seed : QRandomGenerator::global()->generate());
        std::shuffle(order.begin(), order.end(), random);
    }
    plan.copies = qMax(1, spec.duplicates);
    plan.signer = signer;
    // A duplicate carries the same token (signed once), or the same event signed
    // again later. Signing is the cost: the runner signs on every core while it sends.
    for (const int event : std::as_const(order)) {
        const int signing = int(plan.toSign.size());
        for (int copy = 1; copy <= plan.copies; ++copy) {
            if (copy == 1 || spec.resign) {
                plan.toSign.append(events.at(event));
                plan.toSign.last().iat = iat + copy - 1;
            }
            plan.sends.append({event, copy, {}, 0, spec.resign ? signing + copy - 1 : signing});
        }
    }
    return plan;
}

ScenarioRunner::ScenarioRunner(ScenarioSpec spec, ScenarioPlan plan, QObject *parent)
    : QObject(parent)
    , m_spec(std::move(spec))
    , m_sender(this)
    , m_events(std::move(plan.events))
    , m_copies(qMax(1, plan.copies))
    , m_pace(this)
{
    m_pace.setSingleShot(true);
    connect(&m_pace, &QTimer::timeout, this, &ScenarioRunner::pump);
    if (!plan.toSign.isEmpty() && plan.signer) {
        m_mint = new TokenMint(*plan.signer, std::move(plan.toSign), this);
        connect(m_mint, &TokenMint::signedMore, this, &ScenarioRunner::pump);
        m_tokenTakers.fill(0, m_mint->count());
    }
    // -1: no such delivery planned (a replay injects copies of some deliveries only).
    m_eventState.fill(-1, m_events.size() * m_copies);
    for (const PlannedSend &send : std::as_const(plan.sends)) {
        m_queue.append({send, 0});
        m_eventState[send.event * m_copies + send.copy - 1] = 0;
        if (send.signing >= 0 && send.signing < m_tokenTakers.size())
            ++m_tokenTakers[send.signing];
    }
}

ScenarioRunner::ScenarioRunner(const ScenarioSpec &spec, const JwtSigner &signer, QObject *parent)
    : ScenarioRunner(spec, planScenario(spec, signer), parent)
{}

void ScenarioRunner::start()
{
    if (m_mint)
        m_mint->start();
    m_startMs = QDateTime::currentMSecsSinceEpoch();
    QMetaObject::invokeMethod(this, &ScenarioRunner::pump, Qt::QueuedConnection);
}

void ScenarioRunner::cancel()
{
    m_cancelled = true;
    m_queue.clear();
    m_pace.stop();
    finishIfDone();
}

void ScenarioRunner::pump()
{
    while (!m_cancelled && !m_queue.isEmpty() && m_inFlight < qMax(1, m_spec.concurrency)) {
        if (m_spec.rate > 0) {
            const qint64 gap = qint64(1000.0 / m_spec.rate);
            const qint64 wait = m_lastSendMs + gap - QDateTime::currentMSecsSinceEpoch();
            if (m_lastSendMs > 0 && wait > 0) {
                m_pace.start(int(wait));
                return;
            }
        }
        const qint64 due = m_startMs + m_queue.first().planned.notBeforeMs;
        if (m_queue.first().attempt == 0 && due > QDateTime::currentMSecsSinceEpoch()) {
            m_pace.start(int(due - QDateTime::currentMSecsSinceEpoch()));
            return;
        }
        if (!headTokenReady())
            return; // the mint's signedMore() pumps again
        const Send send = m_queue.takeFirst();
        const qint64 started = QDateTime::currentMSecsSinceEpoch();
        m_lastSendMs = started;
        ++m_inFlight;
        m_sender.post(m_spec.target, send.planned.token,
                      [this, send, started](const SendResult &result) {
                          --m_inFlight;
                          onResult(send, started, result);
                          pump();
                      });
    }
    finishIfDone();
}

bool ScenarioRunner::headTokenReady()
{
    PlannedSend &head = m_queue.first().planned;
    if (head.signing < 0)
        return true;
    if (!m_mint || !m_mint->isSigned(head.signing))
        return !m_mint; // without a mint there is nothing to wait for: sent as it is
    head.token = m_mint->token(head.signing);
    if (head.signing < m_tokenTakers.size() && --m_tokenTakers[head.signing] == 0)
        m_mint->release(head.signing); // a retry carries its own copy
    head.signing = -1;
    return true;
}

void ScenarioRunner::onResult(const Send &send, qint64 startedMs, const SendResult &result)
{
    SendAttempt attempt;
    attempt.event = send.planned.event;
    attempt.eventId = m_events.value(send.planned.event).eventId;
    attempt.eventType = m_events.value(send.planned.event).eventType;
    attempt.copy = send.planned.copy;
    attempt.attempt = send.attempt;
    attempt.startedMs = startedMs;
    attempt.result = result;
    m_attempts.append(attempt);
    const int unit = send.planned.event * m_copies + send.planned.copy - 1;
    if (result.delivered()) {
        m_eventState[unit] = 1;
    } else if (m_spec.retrySchedule && send.attempt < WixRetrySchedule::kAttempts && !m_cancelled) {
        // Wix counts each wait from the previous failure.
        Send retry = send;
        retry.attempt = send.attempt + 1;
        const qint64 wait = qint64(double(WixRetrySchedule::delayBeforeAttemptMs(retry.attempt)) /
                                   qMax(1e-9, m_spec.timeScale));
        ++m_scheduledRetries;
        // Precise: a coarse timer may fire 5% early, and the schedule is the point.
        QTimer::singleShot(int(qMin<qint64>(wait, std::numeric_limits<int>::max())),
                           Qt::PreciseTimer, this, [this, retry] {
                               --m_scheduledRetries;
                               if (m_cancelled) {
                                   finishIfDone();
                                   return;
                               }
                               m_queue.prepend(retry);
                               pump();
                           });
    } else {
        m_eventState[unit] = 2;
    }
    Q_EMIT attemptFinished(attempt);
    Q_EMIT progress(int(m_attempts.size()), plannedSends() + m_scheduledRetries);
}

void ScenarioRunner::finishIfDone()
{
    if (m_finished || m_inFlight > 0 || (!m_queue.isEmpty() && !m_cancelled) ||
        (m_scheduledRetries > 0 && !m_cancelled))
        return;
    m_finished = true;
    Q_EMIT finished(summary());
}

ScenarioSummary ScenarioRunner::summary() const
{
    ScenarioSummary s;
    s.events =
        int(m_eventState.size() - std::count(m_eventState.cbegin(), m_eventState.cend(), -1));
    s.delivered = int(std::count(m_eventState.cbegin(), m_eventState.cend(), 1));
    s.failed = s.events - s.delivered;
    s.attempts = int(m_attempts.size());
    QVector<qint64> latencies;
    for (const SendAttempt &attempt : m_attempts) {
        s.retries += attempt.attempt > 0;
        latencies.append(attempt.result.latencyMs);
    }
    s.p50LatencyMs = percentile(latencies, 0.50);
    s.p99LatencyMs = percentile(latencies, 0.99);
    s.cancelled = m_cancelled;
    return s;
}
