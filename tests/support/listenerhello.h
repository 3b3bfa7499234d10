#pragma once

#include <QJsonObject>

class QProcess;

// `hookscope listen --json` prints a first line such as {"listening": URL, ...}: waits
// for it (at most `timeoutMs`, or until the process ends) and returns it parsed; an
// empty object when none came.
QJsonObject waitForListenerHello(QProcess &process, int timeoutMs = 15000);
