#include "json/simdjsonparsers.h"

simdjson::simdjson_result<simdjson::dom::element>
SimdJsonParsers::parse(Slot slot, const char *data, size_t size)
{
    if (size > size_t(kMaxDocumentBytes))
        return simdjson::CAPACITY;
    thread_local simdjson::dom::parser parsers[SlotCount];
    // realloc_if_needed: simdjson reads past the end; it copies into padded memory.
    return parsers[slot].parse(data, size, true);
}
