#pragma once

#include <QHostAddress>
#include <QUrl>

struct CaptureOptions
{
    static constexpr quint16 kDefaultPort = 8787;
    static constexpr qint64 kDefaultMaxBodyBytes = 1024 * 1024;

    QHostAddress host = QHostAddress::LocalHost; // beyond loopback only when asked
    quint16 port = kDefaultPort;                 // 0: any free port
    qint64 maxBodyBytes = kDefaultMaxBodyBytes;
    int maxHeadBytes = 64 * 1024; // request line and headers
    int idleTimeoutMs = 30000;    // a connection silent this long is closed
    int maxConnections = 2048;
    QUrl forwardUrl; // forward mode when valid
};
