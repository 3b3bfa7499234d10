#pragma once

#include <QString>

struct Delivery;

// "Copy as curl": one delivery as a curl command on the clipboard, with
// -H 'Expect:' (QHttpServer never answers 100-continue). A body over
// kInlineLimit bytes is written to a file in the temporary folder, which the
// command reads with --data-binary @file; the file stays for the command's use.
class CurlClipboard
{
public:
    static constexpr int kInlineLimit = 4096;

    // The command, or an empty string with `error` when the body file cannot be written.
    static QString command(const Delivery &delivery, const QString &baseUrl,
                           QString *bodyFile = nullptr, QString *error = nullptr);
    // Puts command() on the clipboard; false with `error` when it could not be made.
    static bool copy(const Delivery &delivery, const QString &baseUrl, QString *error = nullptr);
};
