#pragma once

#include <QByteArray>

// The value of Content-Length in an HTTP message head (up to the blank line), 0 without one.
qint64 contentLengthOf(const QByteArray &head);
