#include "send/eventtemplates.h"

#include "send/wixenvelope.h"
#include "wix/wixdecoder.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>

// Q_INIT_RESOURCE declares its function in the enclosing namespace: call it from
// the global one, since the resources live in a static library.
static void initTemplateResources()
{
    Q_INIT_RESOURCE(templates);
}

QVector<EventTemplate> EventTemplates::all()
{
    initTemplateResources();
    QVector<EventTemplate> templates;
    const QDir dir(QStringLiteral(":/templates"));
    for (const QString &file : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        QFile in(dir.filePath(file));
        if (!in.open(QIODevice::ReadOnly))
            continue;
        EventTemplate t;
        t.name = file.chopped(5);
        t.envelope = QJsonDocument::fromJson(in.readAll()).object();
        t.eventType = t.envelope.value(QLatin1String("eventType")).toString();
        t.shape =
            wixEventShapeName(decodeWixClaims(wixClaimsForEnvelope(t.envelope, 0)).event.shape);
        templates.append(t);
    }
    return templates;
}

std::optional<EventTemplate> EventTemplates::find(const QString &name)
{
    for (const EventTemplate &t : all()) {
        if (t.name == name || t.eventType == name)
            return t;
    }
    return std::nullopt;
}
