#pragma once

#include <QStringList>

// hookscope show --session FILE [--json]
int runShowCommand(const QStringList &arguments);
// hookscope sessions
int runSessionsCommand(const QStringList &arguments);
