#pragma once

#include "capture/delivery.h"
#include "jwt/rsaprivatekey.h"
#include "send/scenariorunner.h"

// Replays recorded deliveries: the original tokens byte for byte or re-signed, in
// the original or a shuffled order, with injected duplicates and delays;
// reproducible from the seed.
struct ReplayOptions
{
    RsaPrivateKey resignWith; // null: the original bytes
    bool shuffle = false;
    double duplicateRate = 0; // chance that a delivery is sent a second time, later
    int maxDelayMs = 0;       // a random pause of up to this before each send
    quint32 seed = 1;
};

ScenarioPlan planReplay(const QVector<Delivery> &deliveries, const ReplayOptions &options);
