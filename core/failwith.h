#pragma once

#include <QString>

// The way out of every `bool doSomething(..., QString *error)`: sets *error when the caller
// asked for it, and returns false.
inline bool failWith(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}
