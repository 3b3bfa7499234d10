#pragma once

#include <QStringList>

// hookscope listen [--host H] [--port P] [--session FILE] [--key NAME=FILE]... [--forward URL]
//                  [--status CODE] [--delay MS] [--max-body BYTES] [--json]
int runListenCommand(const QStringList &arguments);
