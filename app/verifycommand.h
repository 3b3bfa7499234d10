#pragma once

#include <QStringList>

// hookscope verify --key FILE [--key NAME=FILE]... [TOKEN_FILE|-] [--skew S] [--ignore-exp]
// [--json]
int runVerifyCommand(const QStringList &arguments);
