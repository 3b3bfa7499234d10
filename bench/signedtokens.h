#pragma once

#include <QByteArray>
#include <QString>
#include <QVector>

// Distinct Wix tokens signed with one RS256 key, as an app's real traffic is: each its
// own event (the templates in turn, fresh ids, times and sequences). Signing tens of
// thousands takes a minute, so they are written to a file once and read back after.
struct SignedTokens
{
    QByteArray publicKeyPem;
    QVector<QByteArray> tokens;

    // Reads `path`, or signs `count` tokens (on every core) and writes them there first.
    static bool ensure(const QString &path, int count, SignedTokens *tokens, QString *error);
};
