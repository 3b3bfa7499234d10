#pragma once

#include "capture/delivery.h"

#include <QString>

// One delivery as one line of `listen` and `show`: time, seq, request, event
// type, instance, entity, verdict, answer, flags.
QString deliveryLine(const Delivery &delivery);
