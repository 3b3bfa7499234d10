// The filter bar's language (also `--only`) on arbitrary text: parsed, its
// errors marked in place, and matched against rows of every kind.
#include "filter/deliveryfilter.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {
QVector<DeliveryRow> rows()
{
    DeliveryRow valid;
    valid.seq = 7;
    valid.method = QStringLiteral("POST");
    valid.target = QStringLiteral("/webhooks/wix?x=1");
    valid.eventType = QStringLiteral("wix.contacts.v4.contact_created");
    valid.instanceId = QStringLiteral("a6d1c7d0-6a9d-4c38-bd0a-0f5b7e1f3c11");
    valid.entity = QStringLiteral("wix.contacts.v4.contact/4b0133d5-2a8e-4d0b-9d6f-6c7a1f3b2e10");
    valid.identity = QStringLiteral("MEMBER 0b8e4c6a-2f1d-4f0e-8a1b-3c5d7e9f1a2b");
    valid.keyName = QStringLiteral("shop");
    valid.reasonCode = QStringLiteral("valid");
    valid.answerStatus = 500;
    valid.signature = SignatureStatus::Valid;
    valid.bodyKind = BodyKind::Jwt;
    valid.analysisFlags = FlagDuplicate | FlagDuplicateRetry | FlagSequenceGap;

    DeliveryRow retried = valid;
    retried.eventType = QStringLiteral("AppInstalled");
    retried.entity.clear();
    retried.identity = QStringLiteral("WIX_USER 5f0c1d2e");
    retried.signature = SignatureStatus::Invalid;
    retried.reasonCode = QStringLiteral("signature_tampered");
    retried.answerStatus = 200;
    retried.analysisFlags = FlagOutOfOrder | FlagLateRetry | FlagStaleState;

    DeliveryRow form;
    form.method = QStringLiteral("PUT");
    form.target = QStringLiteral("/");
    form.reasonCode = QStringLiteral("not_three_segments");
    form.answerStatus = 413;
    form.bodyKind = BodyKind::Form;

    DeliveryRow empty;
    return {valid, retried, form, empty};
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QVector<DeliveryRow> all = rows();
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const DeliveryFilter filter = DeliveryFilter::parse(text);
    // The filter bar underlines each error's span of the text.
    for (const DeliveryFilter::Error &error : filter.errors()) {
        if (error.start < 0 || error.length < 1 || error.start + error.length > text.size() ||
            error.message.isEmpty()) {
            std::fprintf(stderr, "error span %d+%d outside the text (%d)\n", error.start,
                         error.length, int(text.size()));
            std::abort();
        }
    }
    for (const DeliveryRow &row : all)
        (void)filter.matches(row);
    return 0;
}
