#pragma once

#include "jwt/keyring.h"

#include <QStringList>

// Reads `--key FILE` / `--key NAME=FILE` values into a keyring. On failure the
// error names the key and its reason; warnings say which forms Wix's SDK refuses.
bool loadKeyArguments(const QStringList &values, Keyring *keyring, QStringList *warnings,
                      QString *error);
