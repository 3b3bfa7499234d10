#include "jwt/verdictreason.h"

namespace {
struct ReasonText
{
    VerdictReason reason;
    const char *code;
    const char *sentence;
};

// One row per reason, in enum order.
constexpr ReasonText kReasons[] = {
    {VerdictReason::Valid, "valid", "The signature is valid."},
    {VerdictReason::EmptyToken, "empty_token", "The token is empty."},
    {VerdictReason::NotThreeSegments, "not_three_segments",
     "A compact JWS has three segments separated by dots."},
    {VerdictReason::EmptyHeaderSegment, "empty_header_segment", "The header segment is empty."},
    {VerdictReason::EmptyPayloadSegment, "empty_payload_segment", "The payload segment is empty."},
    {VerdictReason::BadBase64Header, "bad_base64url_header", "The header is not valid base64url."},
    {VerdictReason::BadBase64Payload, "bad_base64url_payload",
     "The payload is not valid base64url."},
    {VerdictReason::BadBase64Signature, "bad_base64url_signature",
     "The signature is not valid base64url."},
    {VerdictReason::HeaderNotJson, "header_not_json", "The header is not JSON."},
    {VerdictReason::HeaderNotObject, "header_not_object", "The header is JSON but not an object."},
    {VerdictReason::PayloadNotJson, "payload_not_json", "The payload is not JSON."},
    {VerdictReason::PayloadNotObject, "payload_not_object",
     "The payload is JSON but not an object."},
    {VerdictReason::AlgMissing, "alg_missing", "The header has no \"alg\"."},
    {VerdictReason::AlgNotString, "alg_not_string", "The header's \"alg\" is not a string."},
    {VerdictReason::AlgNone, "alg_none", "The token is unsigned (\"alg\": \"none\")."},
    {VerdictReason::AlgNotRs256, "alg_not_rs256",
     "Wix signs with RS256; this token uses another algorithm."},
    {VerdictReason::CritUnsupported, "crit_unsupported",
     "The header lists critical extensions (\"crit\") that a Wix token never has."},
    {VerdictReason::NoKey, "no_key", "No public key was given to check the signature against."},
    {VerdictReason::KeyUnreadable, "key_unreadable", "The public key cannot be read."},
    {VerdictReason::KeyTooSmall, "key_too_small", "The RSA key is shorter than 2048 bits."},
    {VerdictReason::KeyNotRsa, "key_not_rsa", "The key is not an RSA key."},
    {VerdictReason::SignatureEmpty, "signature_empty", "The signature segment is empty."},
    {VerdictReason::SignatureWrongLength, "signature_wrong_length",
     "The signature has the wrong length for the key: it was truncated or padded."},
    {VerdictReason::SignatureWrongKey, "signature_wrong_key",
     "The signature was not made by the given key."},
    {VerdictReason::SignatureTampered, "signature_tampered",
     "The signature was made by the key, but over another header or payload: the token was "
     "altered after signing."},
    {VerdictReason::ExpNotNumeric, "exp_not_numeric", "\"exp\" is not a number of seconds."},
    {VerdictReason::NbfNotNumeric, "nbf_not_numeric", "\"nbf\" is not a number of seconds."},
    {VerdictReason::Expired, "expired", "The token has expired."},
    {VerdictReason::NotYetValid, "not_yet_valid", "The token is not valid yet (\"nbf\")."},
};

constexpr bool rowsInEnumOrder()
{
    int i = 0;
    for (const ReasonText &row : kReasons) {
        if (static_cast<int>(row.reason) != i++)
            return false;
    }
    return i == static_cast<int>(VerdictReason::NotYetValid) + 1;
}
static_assert(rowsInEnumOrder(), "kReasons must hold one row per reason, in enum order");

const ReasonText &textOf(VerdictReason reason)
{
    return kReasons[static_cast<int>(reason)];
}
} // namespace

QString reasonCode(VerdictReason reason)
{
    return QString::fromLatin1(textOf(reason).code);
}

VerdictReason reasonFromCode(const QString &code, VerdictReason fallback)
{
    for (const ReasonText &row : kReasons) {
        if (code == QLatin1String(row.code))
            return row.reason;
    }
    return fallback;
}

QString reasonSentence(VerdictReason reason)
{
    return QString::fromUtf8(textOf(reason).sentence);
}

bool isMalformed(VerdictReason reason)
{
    return reason >= VerdictReason::EmptyToken && reason <= VerdictReason::AlgNotString;
}
