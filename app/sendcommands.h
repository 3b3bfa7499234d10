#pragma once

#include <QStringList>

// hookscope keygen [--out DIR]
int runKeygenCommand(const QStringList &arguments);
// hookscope templates [--json]
int runTemplatesCommand(const QStringList &arguments);
// hookscope send --to URL (--event TEMPLATE | --envelope FILE) [options]
int runSendCommand(const QStringList &arguments);
