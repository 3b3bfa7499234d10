#pragma once

#include <QString>
#include <QStringList>

// Where sessions live: the user's data folder (QStandardPaths::AppDataLocation).
namespace SessionLocations {
QString dataFolder();
QString defaultSessionPath(); // <data>/default.hookscope, reopened on the next start
QStringList storedSessions(); // every *.hookscope in the data folder
QString fileSuffix();         // "hookscope"
} // namespace SessionLocations
