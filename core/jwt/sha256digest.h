#pragma once

#include <openssl/evp.h>

#include <QByteArray>

#include <cstddef>

// SHA-256, fetched from OpenSSL's default provider once for the process: an implicit fetch by
// name on every call is measurably slower, and goes through OpenSSL's name map each time.
const EVP_MD *sha256Digest();

constexpr std::size_t kSha256Size = 32;

// The SHA-256 digest of `data` into `out`; false if OpenSSL fails.
bool sha256Of(const QByteArray &data, unsigned char (&out)[kSha256Size]);
