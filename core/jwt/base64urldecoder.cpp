#include "jwt/base64urldecoder.h"

#include <openssl/evp.h>

#include <algorithm>

namespace {
// Characters mapped and decoded at a time: a multiple of 4, so that only the last
// chunk needs padding, and small enough to live on the stack.
constexpr qsizetype chunkSize = 4096;

// Writes `text` in the standard alphabet: '-' becomes '+', '_' becomes '/', letters and
// digits stay, and every other byte ('+', '/' and '=' included) becomes '*', which
// EVP_DecodeBlock refuses wherever it stands. Arithmetic rather than branches or a table,
// so that the compiler turns the loop into vector instructions (this file is built -O3).
void toStandardAlphabet(const char *text, qsizetype size, unsigned char *standard)
{
    for (qsizetype i = 0; i < size; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        const unsigned char kept = static_cast<unsigned char>(c - 'A') < 26 ||
                                   static_cast<unsigned char>(c - 'a') < 26 ||
                                   static_cast<unsigned char>(c - '0') < 10;
        const unsigned char dash = c == '-';
        const unsigned char underscore = c == '_';
        const unsigned char other = !(kept | dash | underscore);
        standard[i] =
            static_cast<unsigned char>(kept * c + dash * '+' + underscore * '/' + other * '*');
    }
}
} // namespace

bool decodeBase64Url(QByteArrayView text, QByteArray *decoded)
{
    const qsizetype size = text.size();
    if (size % 4 == 1)
        return false;
    QByteArray bytes((size + 3) / 4 * 3, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(bytes.data());
    unsigned char standard[chunkSize];
    qsizetype written = 0;
    for (qsizetype start = 0; start < size; start += chunkSize) {
        const qsizetype length = std::min(chunkSize, size - start);
        toStandardAlphabet(text.data() + start, length, standard);
        qsizetype padded = length;
        while (padded % 4 != 0)
            standard[padded++] = '=';
        // Padding decodes as zero bits: 3 bytes per 4 characters, less one per '='.
        const int produced = EVP_DecodeBlock(out + written, standard, static_cast<int>(padded));
        if (produced < 0)
            return false;
        written += produced - (padded - length);
    }
    bytes.truncate(written);
    *decoded = std::move(bytes);
    return true;
}

bool decodeBase64UrlWithQt(QByteArrayView text, QByteArray *decoded)
{
    // Qt's decoder takes a trailing '=' as padding and ignores a last lone character.
    if (text.size() % 4 == 1 || text.endsWith('='))
        return false;
    auto result = QByteArray::fromBase64Encoding(QByteArray::fromRawData(text.data(), text.size()),
                                                 QByteArray::Base64UrlEncoding |
                                                     QByteArray::OmitTrailingEquals |
                                                     QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return false;
    *decoded = std::move(result.decoded);
    return true;
}
