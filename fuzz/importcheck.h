#pragma once

#include "import/deliveryimporter.h"

// What Hookscope does with an import, short of writing the session: each
// delivery is inspected and analysed as if it had just arrived and listed; its
// headers and findings, written as the session's JSON columns hold them, must read
// back; and written as a JSON line (as `export --format jsonl` does), it must read
// back the same, or abort() tells the fuzzer.
void checkImported(const ImportResult &result);
