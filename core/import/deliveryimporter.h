#pragma once

#include "capture/delivery.h"

#include <QString>
#include <QVector>

#include <functional>
#include <optional>

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

// The readers behind readDeliveries, on bytes already read; `source` names the
// file in the errors.
ImportResult readHar(const QByteArray &bytes, const QString &source);
ImportResult readJsonLines(const QByteArray &bytes, const QString &source);

// A fixtures folder from its manifest.json, each file the manifest names (a
// fixture's JSON, its .jwt) read through `readFile`: nullopt and a reason when
// it cannot be read. Errors name the files inside `folder`.
using FixtureFileReader =
    std::function<std::optional<QByteArray>(const QString &name, QString *error)>;
ImportResult readFixtures(const QByteArray &manifest, const QString &folder,
                          const FixtureFileReader &readFile);
