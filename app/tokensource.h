#pragma once

#include <QByteArray>
#include <QString>

// Reads a token (or any text) from a file, or from standard input for "-" or "".
struct TokenSource
{
    QByteArray bytes;
    QString error; // set when it cannot be read

    static TokenSource read(const QString &pathOrDash);
};
