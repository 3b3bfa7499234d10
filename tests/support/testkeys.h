#pragma once

#include "jwt/rsaprivatekey.h"

#include <QByteArray>

// A freshly generated RSA key pair with its public key in every form a
// developer might paste. Made with OpenSSL in the test, never checked in.
struct TestKeyPair
{
    RsaPrivateKey privateKey;
    QByteArray spkiPem;        // -----BEGIN PUBLIC KEY-----
    QByteArray pkcs1Pem;       // -----BEGIN RSA PUBLIC KEY-----
    QByteArray certificatePem; // self-signed -----BEGIN CERTIFICATE-----
    QByteArray spkiDer;

    static TestKeyPair generate(int bits = 2048);

    QByteArray base64OfPem() const;     // the whole PEM base64-encoded on one line (Wix SDK form)
    QByteArray bareBase64() const;      // the SPKI body without BEGIN/END lines
    QByteArray escapedNewlines() const; // "\n" written as two characters, as in env variables
    QByteArray crlfPem() const;
    QByteArray oneLinePem() const; // BEGIN, body and END on one line, separated by spaces
};

// An EC P-256 public key in PEM: readable, but not RSA.
QByteArray ecPublicKeyPem();
