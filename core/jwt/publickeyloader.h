#pragma once

#include "jwt/publickey.h"
#include "jwt/verdictreason.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

// The forms a developer is likely to paste a public key in.
enum class KeyFormat {
    Unknown,
    SpkiPem,        // -----BEGIN PUBLIC KEY----- (what Wix's dashboard shows)
    Pkcs1Pem,       // -----BEGIN RSA PUBLIC KEY-----
    CertificatePem, // -----BEGIN CERTIFICATE-----
    Base64OfPem,    // the whole PEM text base64-encoded on one line
    BareBase64,     // the base64 body without the BEGIN/END lines
};

QString keyFormatName(KeyFormat format);

struct PublicKeyLoadResult
{
    PublicKey key;                              // null on failure
    VerdictReason error = VerdictReason::Valid; // KeyUnreadable, KeyTooSmall or KeyNotRsa
    QString message;                            // the error, in words
    KeyFormat format = KeyFormat::Unknown;
    QStringList warnings; // e.g. "Wix's SDK would refuse this form"
    bool acceptedByWixSdk = false;

    bool ok() const { return !key.isNull(); }
};

// Reads a public key from text: PEM (SPKI, PKCS#1, certificate), the whole PEM
// base64-encoded on one line, or a bare base64 body. Tolerates CRLF, surrounding
// whitespace, a PEM folded onto one line and newlines that became literal "\n".
PublicKeyLoadResult loadPublicKey(const QByteArray &text);
