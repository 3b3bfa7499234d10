#pragma once

#include <simdjson.h>

#include <QByteArray>
#include <QString>

#include <string_view>

// A string simdjson read (UTF-8, validated by it) as a QString.
inline QString qStringOf(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// simdjson DOM parsers for the calling thread, kept and reused: a parser keeps its
// buffers between documents, and a document lives until its parser parses again,
// so documents nested in each other's strings each take their own slot.
class SimdJsonParsers
{
public:
    enum Slot { Header, Payload, Envelope, Identity, Data, SlotCount };
    // Past this size the fast path is not taken, so no thread keeps large buffers.
    static constexpr qsizetype kMaxDocumentBytes = 64 * 1024;

    // The document's root, or an error (including "too large" as CAPACITY).
    static simdjson::simdjson_result<simdjson::dom::element> parse(Slot slot, const char *data,
                                                                   size_t size);
    static simdjson::simdjson_result<simdjson::dom::element> parse(Slot slot,
                                                                   const QByteArray &text)
    {
        return parse(slot, text.constData(), size_t(text.size()));
    }
};
