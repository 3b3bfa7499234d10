#pragma once

#include <QStringList>

// hookscope report --session FILE [--json]
int runReportCommand(const QStringList &arguments);
