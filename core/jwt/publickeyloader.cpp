#include "jwt/publickeyloader.h"

#include "jwt/opensslhandles.h"

#include <QRegularExpression>

namespace {
constexpr int kMinimumRsaBits = 2048;

struct PemBlock
{
    QByteArray label;
    QByteArray der;
    bool found = false;
    bool bodyDecoded = false;
};

QByteArray withoutWhitespace(const QByteArray &text)
{
    QByteArray out;
    out.reserve(text.size());
    for (const char c : text) {
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
            out.append(c);
    }
    return out;
}

bool decodeBase64Strict(const QByteArray &text, QByteArray *out)
{
    auto decoded = QByteArray::fromBase64Encoding(withoutWhitespace(text),
                                                  QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return false;
    *out = std::move(decoded.decoded);
    return true;
}

PemBlock findPemBlock(const QByteArray &text)
{
    static const QRegularExpression pem(
        QStringLiteral("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----"),
        QRegularExpression::DotMatchesEverythingOption);
    PemBlock block;
    const QRegularExpressionMatch match = pem.match(QString::fromLatin1(text));
    if (!match.hasMatch())
        return block;
    block.found = true;
    block.label = match.captured(1).toLatin1();
    block.bodyDecoded = decodeBase64Strict(match.captured(2).toLatin1(), &block.der);
    return block;
}

EVP_PKEY *spkiFromDer(const QByteArray &der)
{
    auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    return d2i_PUBKEY(nullptr, &p, static_cast<long>(der.size()));
}

EVP_PKEY *pkcs1FromDer(const QByteArray &der)
{
    auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    return d2i_PublicKey(EVP_PKEY_RSA, nullptr, &p, static_cast<long>(der.size()));
}

EVP_PKEY *certificateKeyFromDer(const QByteArray &der)
{
    auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    X509Ptr certificate(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
    return certificate ? X509_get_pubkey(certificate.get()) : nullptr;
}

PublicKeyLoadResult keyError(VerdictReason reason, KeyFormat format, const QString &detail)
{
    PublicKeyLoadResult result;
    result.error = reason;
    result.format = format;
    result.message = reasonSentence(reason) + QLatin1Char(' ') + detail;
    return result;
}

PublicKeyLoadResult unreadable(const QString &detail)
{
    return keyError(VerdictReason::KeyUnreadable, KeyFormat::Unknown, detail);
}

PublicKeyLoadResult fromPem(const QByteArray &text)
{
    const PemBlock block = findPemBlock(text);
    if (!block.found)
        return unreadable(QStringLiteral("It has a BEGIN line but no matching END line."));
    if (block.label.contains("PRIVATE KEY")) {
        return unreadable(QStringLiteral("This is a private key (%1). Give the public key; "
                                         "`openssl pkey -in key.pem -pubout` prints it.")
                              .arg(QString::fromLatin1(block.label)));
    }
    if (!block.bodyDecoded)
        return unreadable(QStringLiteral("The body of the %1 block is not valid base64.")
                              .arg(QString::fromLatin1(block.label)));

    PublicKeyLoadResult result;
    EVP_PKEY *key = nullptr;
    if (block.label == "PUBLIC KEY") {
        result.format = KeyFormat::SpkiPem;
        key = spkiFromDer(block.der);
    } else if (block.label == "RSA PUBLIC KEY") {
        result.format = KeyFormat::Pkcs1Pem;
        key = pkcs1FromDer(block.der);
    } else if (block.label == "CERTIFICATE") {
        result.format = KeyFormat::CertificatePem;
        key = certificateKeyFromDer(block.der);
    } else {
        return unreadable(QStringLiteral("A \"%1\" block holds no public key.")
                              .arg(QString::fromLatin1(block.label)));
    }
    if (!key)
        return unreadable(QStringLiteral("The %1 block does not hold a valid DER structure.")
                              .arg(QString::fromLatin1(block.label)));
    result.key = PublicKey::adopt(key);
    return result;
}

PublicKeyLoadResult fromDer(const QByteArray &der)
{
    PublicKeyLoadResult result;
    result.format = KeyFormat::BareBase64;
    EVP_PKEY *key = spkiFromDer(der);
    if (!key)
        key = pkcs1FromDer(der);
    if (!key)
        key = certificateKeyFromDer(der);
    if (!key)
        return unreadable(QStringLiteral("It is base64, but neither a PEM text nor the DER of a "
                                         "public key or certificate."));
    result.key = PublicKey::adopt(key);
    return result;
}

QString sdkRefusal(KeyFormat format, bool foldedOntoOneLine, bool escapedNewlines)
{
    if (escapedNewlines)
        return QStringLiteral("its newlines are literal \"\\n\" escapes, as environment variables "
                              "often make them");
    if (foldedOntoOneLine)
        return QStringLiteral("the PEM is folded onto one line");
    switch (format) {
    case KeyFormat::Pkcs1Pem:
        return QStringLiteral("it is a PKCS#1 \"RSA PUBLIC KEY\", not a \"PUBLIC KEY\"");
    case KeyFormat::CertificatePem:
        return QStringLiteral("it is a certificate, not a \"PUBLIC KEY\"");
    case KeyFormat::BareBase64:
        return QStringLiteral("it is a bare base64 body without the BEGIN and END lines");
    default:
        return QString();
    }
}
} // namespace

QString keyFormatName(KeyFormat format)
{
    switch (format) {
    case KeyFormat::SpkiPem:
        return QStringLiteral("PEM PUBLIC KEY (SPKI)");
    case KeyFormat::Pkcs1Pem:
        return QStringLiteral("PEM RSA PUBLIC KEY (PKCS#1)");
    case KeyFormat::CertificatePem:
        return QStringLiteral("PEM CERTIFICATE");
    case KeyFormat::Base64OfPem:
        return QStringLiteral("PEM base64-encoded on one line");
    case KeyFormat::BareBase64:
        return QStringLiteral("bare base64 body");
    case KeyFormat::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

PublicKeyLoadResult loadPublicKey(const QByteArray &input)
{
    OpenSslErrorGuard guard;
    QByteArray text = input.trimmed();
    text.replace("\r\n", "\n");
    if (text.size() >= 2 && (text.front() == '"' || text.front() == '\'') &&
        text.back() == text.front()) {
        text = text.mid(1, text.size() - 2).trimmed(); // quoted, as in a .env file
    }
    const bool escapedNewlines = text.contains("\\n");
    if (escapedNewlines)
        text.replace("\\n", "\n");
    if (text.isEmpty())
        return unreadable(QStringLiteral("The text is empty."));

    PublicKeyLoadResult result;
    bool foldedOntoOneLine = false;
    bool base64OfPem = false;
    if (text.startsWith("-----BEGIN")) {
        foldedOntoOneLine = !text.contains('\n');
        result = fromPem(text);
    } else {
        QByteArray decoded;
        if (text.contains(' ') || !decodeBase64Strict(text, &decoded))
            return unreadable(QStringLiteral("It is neither PEM (-----BEGIN ...) nor base64."));
        const QByteArray inner = decoded.trimmed();
        base64OfPem = inner.startsWith("-----BEGIN");
        if (base64OfPem) {
            foldedOntoOneLine = !inner.contains('\n');
            result = fromPem(inner);
        } else {
            result = fromDer(decoded);
        }
    }
    if (!result.ok())
        return result;

    const QString refusal = sdkRefusal(result.format, foldedOntoOneLine, escapedNewlines);
    result.acceptedByWixSdk = refusal.isEmpty();
    if (!refusal.isEmpty()) {
        result.warnings << QStringLiteral("Wix's SDK would refuse this key as given: %1%2. Give "
                                          "your app the PUBLIC KEY PEM or its one-line base64 "
                                          "form.")
                               .arg(base64OfPem ? QStringLiteral("inside the base64, ") : QString(),
                                    refusal);
    }
    if (base64OfPem)
        result.format = KeyFormat::Base64OfPem;

    if (!EVP_PKEY_is_a(result.key.evp(), "RSA")) {
        return keyError(VerdictReason::KeyNotRsa, result.format,
                        QStringLiteral("It is %1; Wix signs with RSA (RS256).")
                            .arg(QString::fromLatin1(EVP_PKEY_get0_type_name(result.key.evp()))));
    }
    if (result.key.bits() < kMinimumRsaBits) {
        return keyError(
            VerdictReason::KeyTooSmall, result.format,
            QStringLiteral("This one has %1 bits; Wix's keys have 2048.").arg(result.key.bits()));
    }
    return result;
}
