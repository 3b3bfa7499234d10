#pragma once

#include "jwt/compactjws.h"
#include "jwt/keyring.h"
#include "jwt/verdict.h"

#include <optional>

struct VerifyOptions
{
    int skewSeconds = 60;                  // leeway for exp and nbf
    bool ignoreExpiry = false;             // an expired token is valid, with a warning
    std::optional<qint64> nowEpochSeconds; // the clock, for tests and replays
};

// Verifies Wix webhook tokens: RS256 pinned, keys only from the keyring (never
// from jku, x5u or kid URLs). Const and thread-safe: one instance can serve
// many threads.
class JwtVerifier
{
public:
    explicit JwtVerifier(Keyring keyring = {}, VerifyOptions options = {});

    Verdict verify(const QByteArray &token) const;
    Verdict verify(const JwsParseResult &parsed) const;

    const Keyring &keyring() const { return m_keyring; }
    const VerifyOptions &options() const { return m_options; }

private:
    Verdict checkSignature(const CompactJws &jws, Verdict verdict) const;
    Verdict checkTimes(const JwtClaimFields &claims, Verdict verdict) const;

    Keyring m_keyring;
    VerifyOptions m_options;
};
