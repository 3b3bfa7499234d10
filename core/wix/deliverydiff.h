#pragma once

#include "json/jsondiff.h"

#include <QByteArray>

// Compares two deliveries' decoded trees, as `hookscope diff` and the window's
// Compare do: every string of JSON expanded, the JWT's own iat, exp and nbf
// (and the signature, which is not in the tree) ignored.
QVector<JsonChange> diffDeliveryBodies(const QByteArray &left, const QByteArray &right);
