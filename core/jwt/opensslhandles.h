#pragma once

// Private to core: OpenSSL objects owned by std::unique_ptr with their free functions.
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>

struct EvpPkeyFree
{
    void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); }
};
struct EvpPkeyCtxFree
{
    void operator()(EVP_PKEY_CTX *p) const { EVP_PKEY_CTX_free(p); }
};
struct EvpMdCtxFree
{
    void operator()(EVP_MD_CTX *p) const { EVP_MD_CTX_free(p); }
};
struct X509Free
{
    void operator()(X509 *p) const { X509_free(p); }
};
struct BioFree
{
    void operator()(BIO *p) const { BIO_free(p); }
};

using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyFree>;
using EvpPkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, EvpPkeyCtxFree>;
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, EvpMdCtxFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;
using BioPtr = std::unique_ptr<BIO, BioFree>;

// OpenSSL keeps a per-thread error queue; every failure path empties it so a
// later call does not report a stale error.
struct OpenSslErrorGuard
{
    ~OpenSslErrorGuard() { ERR_clear_error(); }
};

// OpenSSL frees its global state from an atexit handler, while threads that Qt created
// detached (the thread pool's, which sign and verify) may still be running OpenSSL's
// thread-local destructor as they exit: both free the same memory. `hookscope send --count
// 4000` aborted with "double free or corruption" about once in a hundred runs; its core dump
// showed an exiting pool thread inside OpenSSL's key destructor, the key already deleted by
// the cleanup. So OpenSSL is told not to clean up at exit (the system takes the process's
// memory back anyway): initialised before main in every program that links the code that
// includes this header, before any other OpenSSL call.
inline const bool kOpenSslSkipsCleanupAtExit =
    OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, nullptr) == 1;
