#include "capture/responsepolicy.h"

void ResponsePolicy::setDefault(const ResponsePlan &plan)
{
    QMutexLocker lock(&m_mutex);
    m_default = plan;
}

ResponsePlan ResponsePolicy::defaultPlan() const
{
    QMutexLocker lock(&m_mutex);
    return m_default;
}

void ResponsePolicy::setForPath(const QString &path, const ResponsePlan &plan)
{
    QMutexLocker lock(&m_mutex);
    m_byPath.insert(path, plan);
}

void ResponsePolicy::clearForPath(const QString &path)
{
    QMutexLocker lock(&m_mutex);
    m_byPath.remove(path);
}

QHash<QString, ResponsePlan> ResponsePolicy::pathPlans() const
{
    QMutexLocker lock(&m_mutex);
    return m_byPath;
}

void ResponsePolicy::failNext(int count, int status)
{
    QMutexLocker lock(&m_mutex);
    m_failuresLeft = qMax(0, count);
    m_failureStatus = status;
}

int ResponsePolicy::pendingFailures() const
{
    QMutexLocker lock(&m_mutex);
    return m_failuresLeft;
}

void ResponsePolicy::answerLate()
{
    QMutexLocker lock(&m_mutex);
    m_default.delayMs = kBeyondWixTimeoutMs;
}

ResponsePlan ResponsePolicy::take(const QString &path)
{
    QMutexLocker lock(&m_mutex);
    ResponsePlan plan = m_byPath.value(path, m_default);
    if (m_failuresLeft > 0) {
        --m_failuresLeft;
        plan.status = m_failureStatus;
        plan.body.clear();
    }
    return plan;
}
