#pragma once

#include <QStringList>

// hookscope decode [TOKEN_FILE|-]
int runDecodeCommand(const QStringList &arguments);
