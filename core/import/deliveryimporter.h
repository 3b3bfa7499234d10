#pragma once

#include "capture/delivery.h"

#include <QString>
#include <QVector>

struct ImportError
{
    QString file;
    QString entry; // "line 3", "entry 2", "0007-x.json"
    QString message;
    QString toString() const { return QStringLiteral("%1: %2: %3").arg(file, entry, message); }
};

struct ImportResult
{
    QVector<Delivery>
        deliveries; // in the order they were recorded; seq, verdict and analysis unset
    QVector<ImportError> errors;
};

// Reads a fixtures folder (manifest.json), a HAR file, or JSON Lines (as
// `show --json` and `export --format jsonl` write them), whichever `path` is.
// Bad entries are reported with their file and position, and left out.
ImportResult readDeliveries(const QString &path);
