#pragma once

#include "jwt/rsaprivatekey.h"

#include <functional>

enum class ExportFormat { Fixtures, Har, JsonLines };

struct ExportOptions
{
    ExportFormat format = ExportFormat::Fixtures;
    // Re-sign every token with this key (the test key) and write its public key
    // beside the fixtures (never the private key). Null: tokens byte for byte.
    RsaPrivateKey resignWith;
    bool redact = false;       // instance and identity ids replaced consistently (needs resignWith)
    bool keepInvalid = true;   // deliveries whose signature is not valid
    bool overwrite = false;    // never, unless asked
    bool jestSkeleton = false; // fixtures: a Jest test feeding each fixture to @wix/sdk
    // Called after each delivery; return false to cancel.
    std::function<bool(int done, int total)> progress;
};
