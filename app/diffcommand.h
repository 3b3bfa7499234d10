#pragma once

#include <QStringList>

// hookscope diff [--session FILE] [--json] SEQ SEQ
int runDiffCommand(const QStringList &arguments);
