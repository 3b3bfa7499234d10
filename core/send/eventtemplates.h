#pragma once

#include <QJsonObject>
#include <QString>
#include <QVector>

#include <optional>

// Editable envelopes for common event types (resources/templates), written with
// "data" and "identity" as objects for reading; sent as strings.
struct EventTemplate
{
    QString name; // file name without .json: "contact_created"
    QString eventType;
    QString shape; // standardized, app-management or legacy
    QJsonObject envelope;
};

namespace EventTemplates {
QVector<EventTemplate> all();
std::optional<EventTemplate> find(const QString &name); // by name or event type
} // namespace EventTemplates
