#include "send/tokenmint.h"

#include <QtConcurrent/QtConcurrentRun>

TokenMint::TokenMint(JwtSigner signer, QVector<EnvelopeToSign> toSign, QObject *parent)
    : QObject(parent)
    , m_signer(std::move(signer))
    , m_toSign(std::move(toSign))
    , m_tokens(std::size_t(m_toSign.size()))
    , m_signed(new std::atomic_bool[std::size_t(m_toSign.size())])
{
    for (qsizetype i = 0; i < m_toSign.size(); ++i)
        m_signed[std::size_t(i)].store(false, std::memory_order_relaxed);
}

TokenMint::~TokenMint()
{
    m_stopping.store(true);
    m_chunks.waitForFinished();
}

void TokenMint::start()
{
    // The global pool runs the chunks first come, first served: in the order of the run.
    for (int first = 0; first < count(); first += kChunk)
        m_chunks.addFuture(QtConcurrent::run([this, first] { signChunk(first); }));
}

void TokenMint::signChunk(int first)
{
    const int end = qMin(first + kChunk, count());
    for (int i = first; i < end && !m_stopping.load(); ++i) {
        m_tokens[std::size_t(i)] = m_signer.signJson(m_toSign.at(i).claimsJson());
        m_signed[std::size_t(i)].store(true, std::memory_order_release);
    }
    // Queued: runs in the owner's thread, or is dropped if the mint is gone by then.
    QMetaObject::invokeMethod(this, &TokenMint::signedMore, Qt::QueuedConnection);
}

bool TokenMint::isSigned(int index) const
{
    return index >= 0 && index < count() &&
           m_signed[std::size_t(index)].load(std::memory_order_acquire);
}

QByteArray TokenMint::token(int index) const
{
    return isSigned(index) ? m_tokens[std::size_t(index)] : QByteArray();
}

void TokenMint::release(int index)
{
    // The slot's task wrote it before its flag and never touches it again.
    if (isSigned(index))
        m_tokens[std::size_t(index)] = QByteArray();
}
