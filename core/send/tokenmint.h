#pragma once

#include "jwt/jwtsigner.h"
#include "send/wixenvelope.h"

#include <QFutureSynchronizer>
#include <QObject>
#include <QVector>

#include <atomic>
#include <memory>
#include <vector>

// Signs a run's tokens on the thread pool, in the order the run needs them, while the run
// sends the ones already signed: signing is the sender's cost, and the first send need not
// wait for the last signature. Makes the claims and signs them in chunks on every core;
// each finished chunk is announced in the owner's thread.
class TokenMint final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenMint)

public:
    static constexpr int kChunk = 16;

    TokenMint(JwtSigner signer, QVector<EnvelopeToSign> toSign, QObject *parent = nullptr);
    // Waits for the chunks being signed; the ones not started are dropped.
    ~TokenMint() override;

    void start();
    int count() const { return int(m_toSign.size()); }
    bool isSigned(int index) const;
    // The token of toSign[index] once isSigned(); empty if signing failed.
    QByteArray token(int index) const;
    // The mint's own copy of a signed token is no longer needed (every send that uses it has
    // taken it): freed now, not at the end of the run. Call in the mint's thread.
    void release(int index);

Q_SIGNALS:
    void signedMore();

private:
    void signChunk(int first);

    const JwtSigner m_signer;
    const QVector<EnvelopeToSign> m_toSign;
    std::vector<QByteArray> m_tokens; // each slot written by one task, before its flag
    std::unique_ptr<std::atomic_bool[]> m_signed;
    std::atomic_bool m_stopping{false};
    QFutureSynchronizer<void> m_chunks;
};
