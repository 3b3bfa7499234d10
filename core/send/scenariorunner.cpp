#include "send/scenariorunner.h"

#include "analysis/wixretryschedule.h"
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
} // namespace

ScenarioRunner::ScenarioRunner(ScenarioSpec spec, JwtSigner signer, QObject *parent)
    : QObject(parent)
    , m_spec(std::move(spec))
    , m_signer(std::move(signer))
    , m_sender(this)
    , m_pace(this)
{
    m_pace.setSingleShot(true);
    connect(&m_pace, &QTimer::timeout, this, &ScenarioRunner::pump);
    plan();
}

void ScenarioRunner::plan()
{
    EnvelopeFactory factory;
    factory.freshIds = factory.freshTime = factory.freshSequence = m_spec.freshValues;
    if (m_spec.lifecycleUpdates >= 0) {
        m_events.append(factory.lifecycleStage(m_spec.envelope, WixEventKind::Created));
        for (int i = 0; i < m_spec.lifecycleUpdates; ++i)
            m_events.append(factory.lifecycleStage(m_spec.envelope, WixEventKind::Updated));
        m_events.append(factory.lifecycleStage(m_spec.envelope, WixEventKind::Deleted));
    } else {
        for (int i = 0; i < qMax(1, m_spec.count); ++i)
            m_events.append(factory.make(m_spec.envelope));
    }
    QVector<int> order(m_events.size());
    std::iota(order.begin(), order.end(), 0);
    if (m_spec.shuffle) {
        QRandomGenerator random(m_spec.seed ? m_spec.seed : QRandomGenerator::global()->generate());
        std::shuffle(order.begin(), order.end(), random);
    }
    const qint64 iat = QDateTime::currentSecsSinceEpoch();
    std::optional<qint64> exp;
    if (m_spec.expiresInSeconds)
        exp = iat + *m_spec.expiresInSeconds;
    const int copies = qMax(1, m_spec.duplicates);
    m_eventState.fill(0, m_events.size() * copies);
    for (const int event : std::as_const(order)) {
        // A duplicate carries the same token, or the same event signed again later.
        const QByteArray token = m_signer.sign(wixClaimsForEnvelope(m_events.at(event), iat, exp));
        for (int copy = 1; copy <= copies; ++copy) {
            const QByteArray copyToken =
                m_spec.resign && copy > 1
                    ? m_signer.sign(wixClaimsForEnvelope(m_events.at(event), iat + copy - 1, exp))
                    : token;
            m_queue.append({event, copy, 0, copyToken});
        }
    }
}

void ScenarioRunner::start()
{
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
        const Send send = m_queue.takeFirst();
        const qint64 started = QDateTime::currentMSecsSinceEpoch();
        m_lastSendMs = started;
        ++m_inFlight;
        m_sender.post(m_spec.target, send.token, [this, send, started](const SendResult &result) {
            --m_inFlight;
            onResult(send, started, result);
            pump();
        });
    }
    finishIfDone();
}

void ScenarioRunner::onResult(const Send &send, qint64 startedMs, const SendResult &result)
{
    SendAttempt attempt;
    attempt.event = send.event;
    const QJsonObject data = m_events.at(send.event).value(QLatin1String("data")).toObject();
    attempt.eventId = data.value(QLatin1String("id")).toString();
    attempt.eventType = m_events.at(send.event).value(QLatin1String("eventType")).toString();
    attempt.copy = send.copy;
    attempt.attempt = send.attempt;
    attempt.startedMs = startedMs;
    attempt.result = result;
    m_attempts.append(attempt);
    const int unit = send.event * qMax(1, m_spec.duplicates) + send.copy - 1;
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
    s.events = int(m_eventState.size());
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
