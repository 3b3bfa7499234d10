#pragma once

#include <QString>

// Why a token was accepted or rejected. Each value has a stable code (used in
// `--json` output and filters) and a default sentence.
enum class VerdictReason {
    Valid,
    // The token's shape
    EmptyToken,
    NotThreeSegments,
    EmptyHeaderSegment,
    EmptyPayloadSegment,
    BadBase64Header,
    BadBase64Payload,
    BadBase64Signature,
    HeaderNotJson,
    HeaderNotObject,
    PayloadNotJson,
    PayloadNotObject,
    AlgMissing,
    AlgNotString,
    // The algorithm
    AlgNone,
    AlgNotRs256,
    CritUnsupported,
    // The signature and the keys
    NoKey,
    KeyUnreadable,
    KeyTooSmall,
    KeyNotRsa,
    SignatureEmpty,
    SignatureWrongLength,
    SignatureWrongKey,
    SignatureTampered,
    // Time claims
    ExpNotNumeric,
    NbfNotNumeric,
    Expired,
    NotYetValid,
};

QString reasonCode(VerdictReason reason);
VerdictReason reasonFromCode(const QString &code, VerdictReason fallback);
QString reasonSentence(VerdictReason reason);
// True for the reasons that mean "this is not a well-formed JWS at all".
bool isMalformed(VerdictReason reason);
