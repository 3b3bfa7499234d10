#pragma once

#include "capture/delivery.h"
#include "capture/responsepolicy.h"

// A request on its way from the server to the store: the ticket finds its
// responder again once the delivery is committed.
struct CapturedRequest
{
    quint64 ticket = 0;
    Delivery delivery; // request fields, answer and forward result filled; verdict not yet
};
