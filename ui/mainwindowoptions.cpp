#include "mainwindowoptions.h"

#include <QSettings>

namespace {
const QString kHostKey = QStringLiteral("listen/host");
const QString kPortKey = QStringLiteral("listen/port");
} // namespace

MainWindowOptions MainWindowOptions::fromSettings()
{
    MainWindowOptions options;
    QSettings settings;
    const QHostAddress host(settings.value(kHostKey, options.host.toString()).toString());
    if (!host.isNull())
        options.host = host;
    bool ok = false;
    const uint port = settings.value(kPortKey, CaptureOptions::kDefaultPort).toUInt(&ok);
    options.port = ok && port <= 65535 ? quint16(port) : CaptureOptions::kDefaultPort;
    return options;
}

void MainWindowOptions::saveListenAddress(const QHostAddress &host, quint16 port)
{
    QSettings settings;
    settings.setValue(kHostKey, host.toString());
    settings.setValue(kPortKey, port);
}
