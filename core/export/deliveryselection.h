#pragma once

#include "capture/delivery.h"
#include "filter/deliveryfilter.h"
#include "store/sessionstore.h"

#include <QSet>

// The deliveries of a session that an export or a replay takes: all, those
// matching a filter (the filter bar's language), and/or the given seqs; in seq order.
QVector<Delivery> selectDeliveries(const SessionStore &store, const DeliveryFilter &filter,
                                   const QSet<qint64> &seqs = {});
