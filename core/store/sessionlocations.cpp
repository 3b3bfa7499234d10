#include "store/sessionlocations.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace SessionLocations {

QString fileSuffix()
{
    return QStringLiteral("hookscope");
}

QString dataFolder()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    constexpr QFileDevice::Permissions ownerOnly =
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
    if (!QFileInfo::exists(folder)) {
        // Made owner-only, not made and then narrowed: the sessions and the test key live here.
        QDir().mkpath(QFileInfo(folder).path());
        QDir().mkdir(folder, ownerOnly);
    }
    QFile::setPermissions(folder, ownerOnly); // an older, looser folder too
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
