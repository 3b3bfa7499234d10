// The filter bar's language (also `--only`) on arbitrary text: parsed, its
// errors marked in place, and matched against rows of every kind.
#include "examplerows.h"
#include "filter/deliveryfilter.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {
QVector<DeliveryRow> rows()
{
    const DeliveryRow valid = exampleContactCreatedRow();

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
