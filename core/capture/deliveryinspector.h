#pragma once

#include "capture/delivery.h"
#include "jwt/jwtverifier.h"

// Fills a delivery's verdict, event and body kind from its body and headers.
// Never fails: a body that is no token is labelled, with its reason.
void inspectDelivery(Delivery &delivery, const JwtVerifier &verifier);
