#include "listenerhello.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QProcess>

QJsonObject waitForListenerHello(QProcess &process, int timeoutMs)
{
    QByteArray first;
    const QDeadlineTimer deadline(timeoutMs);
    while (!first.contains('\n') && !deadline.hasExpired() &&
           process.state() == QProcess::Running) {
        process.waitForReadyRead(100);
        first += process.readAllStandardOutput();
    }
    return QJsonDocument::fromJson(first.left(first.indexOf('\n'))).object();
}
