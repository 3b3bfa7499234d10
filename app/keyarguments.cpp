#include "keyarguments.h"

#include "tokensource.h"

#include <QFileInfo>

namespace {
struct KeyArgument
{
    QString name;
    QString path;
};

// "--key FILE" or "--key NAME=FILE"; a file whose own name holds '=' still works.
KeyArgument splitKeyArgument(const QString &value)
{
    const qsizetype eq = value.indexOf(QLatin1Char('='));
    if (eq > 0 && !QFileInfo::exists(value))
        return {value.left(eq), value.mid(eq + 1)};
    return {QFileInfo(value).completeBaseName(), value};
}
} // namespace

bool loadKeyArguments(const QStringList &values, Keyring *keyring, QStringList *warnings,
                      QString *error)
{
    for (const QString &value : values) {
        const KeyArgument key = splitKeyArgument(value);
        const TokenSource text = TokenSource::read(key.path);
        if (!text.error.isEmpty()) {
            *error = QStringLiteral("key: %1").arg(text.error);
            return false;
        }
        const PublicKeyLoadResult loaded = keyring->addFromText(key.name, text.bytes);
        if (!loaded.ok()) {
            *error = QStringLiteral("key %1 (%2): [%3] %4")
                         .arg(key.name, key.path, reasonCode(loaded.error), loaded.message);
            return false;
        }
        for (const QString &warning : loaded.warnings)
            *warnings << QStringLiteral("Key \"%1\": %2").arg(key.name, warning);
    }
    return true;
}
