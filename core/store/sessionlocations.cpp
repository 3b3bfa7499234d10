#include "store/sessionlocations.h"

#include <QDir>
#include <QStandardPaths>

namespace SessionLocations {

QString fileSuffix()
{
    return QStringLiteral("hookscope");
}

QString dataFolder()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(folder);
    QFile::setPermissions(folder,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return folder;
}

QString defaultSessionPath()
{
    return QDir(dataFolder()).filePath(QStringLiteral("default.") + fileSuffix());
}

QStringList storedSessions()
{
    QStringList paths;
    const QDir dir(dataFolder());
    const QStringList names =
        dir.entryList({QStringLiteral("*.") + fileSuffix()}, QDir::Files, QDir::Name);
    for (const QString &name : names)
        paths << dir.filePath(name);
    return paths;
}

} // namespace SessionLocations
