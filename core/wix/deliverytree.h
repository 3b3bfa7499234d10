#pragma once

#include <QJsonObject>
#include <QSet>
#include <QString>

struct Delivery;
struct TokenInspection;

// The tree the Decoded tab shows for a delivery, every string of JSON expanded:
// {"header", "payload"} for a token (even a malformed one that parsed in part),
// {"body"} for a JSON body, empty otherwise. Its paths are what a list column names.
QJsonObject deliveryTree(const Delivery &delivery, const TokenInspection &inspection,
                         QSet<QString> *stringifiedPaths = nullptr);
// The same, decoding the body without verifying it.
QJsonObject deliveryTree(const Delivery &delivery);
