#include "batchedoutput.h"

#include "commandusage.h"

BatchedOutput::BatchedOutput(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(kIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &BatchedOutput::flush);
}

BatchedOutput::~BatchedOutput()
{
    flush();
}

void BatchedOutput::print(const QString &text)
{
    m_pending += text;
    if (m_pending.size() >= kMaxBytes)
        flush();
    else if (!m_timer.isActive())
        m_timer.start();
}

void BatchedOutput::flush()
{
    m_timer.stop();
    if (m_pending.isEmpty())
        return;
    printOut(m_pending);
    m_pending.clear();
}
