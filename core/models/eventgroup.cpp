#include "models/eventgroup.h"

#include <QStringList>

namespace {
constexpr int kMaxAnswersShown = 20;
}

qint64 EventGroup::firstArrivalMs() const
{
    return deliveries.isEmpty() ? 0 : deliveries.constFirst().arrivalMs;
}

qint64 EventGroup::lastArrivalMs() const
{
    return deliveries.isEmpty() ? 0 : deliveries.constLast().arrivalMs;
}

bool EventGroup::retried() const
{
    for (const EventGroupDelivery &delivery : deliveries) {
        if (!delivery.answeredOk || delivery.likelyRetryAttempt > 0)
            return true;
    }
    return false;
}

QString EventGroup::answersText() const
{
    QStringList answers;
    for (const EventGroupDelivery &delivery : deliveries) {
        if (answers.size() == kMaxAnswersShown) {
            answers << QStringLiteral("… (%1 more)").arg(deliveries.size() - kMaxAnswersShown);
            break;
        }
        answers << delivery.answer;
    }
    return answers.join(QStringLiteral(", "));
}

RetryPlan EventGroup::retryPlan() const
{
    QVector<RetryAttemptInput> attempts;
    attempts.reserve(deliveries.size());
    for (const EventGroupDelivery &delivery : deliveries)
        attempts.append(
            {delivery.seq, delivery.arrivalMs, delivery.answeredOk, delivery.likelyRetryAttempt});
    return RetryPlan::fromAttempts(attempts, eventTimeMs);
}
