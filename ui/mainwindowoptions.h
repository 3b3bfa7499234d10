#pragma once

#include "capture/captureoptions.h"

#include <QHostAddress>
#include <QString>

// What the main window opens and where it listens. The default constructor of
// MainWindow reads them from QSettings ("listen/host", "listen/port") and opens
// the default session; tests give a scratch session and port 0.
struct MainWindowOptions
{
    QString sessionPath; // empty: SessionLocations::defaultSessionPath()
    QHostAddress host = QHostAddress(QHostAddress::LocalHost);
    quint16 port = CaptureOptions::kDefaultPort; // 0: any free port

    static MainWindowOptions fromSettings();
    static void saveListenAddress(const QHostAddress &host, quint16 port);
};
