#pragma once

#include "capture/delivery.h"
#include "export/exportoptions.h"

#include <QStringList>
#include <QVector>

struct ExportResult
{
    bool ok = false;
    QString error;
    int written = 0;
    int skipped = 0; // invalid deliveries left out
    bool cancelled = false;
    QStringList files;
};

// Fixtures folder (one JSON per delivery, its token as .jwt, manifest.json, the
// public key when re-signed, optionally a Jest test), HAR 1.2, or JSON Lines.
ExportResult exportDeliveries(const QVector<Delivery> &deliveries, const QString &path,
                              const ExportOptions &options);

// One delivery as a curl command; a body over `inlineLimit` bytes is read from `bodyFile`.
QString curlCommand(const Delivery &delivery, const QString &baseUrl,
                    const QString &bodyFile = QStringLiteral("body.jwt"), int inlineLimit = 4096);
