#include "httptab.h"

#include "capture/delivery.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QLocale>
#include <QStringDecoder>

namespace {
QString bytesText(qint64 bytes)
{
    return bytes == 1 ? QStringLiteral("1 byte") : QStringLiteral("%1 bytes").arg(bytes);
}

std::optional<QString> asText(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    for (const QChar c : std::as_const(text)) {
        if (c.unicode() < 0x20 && c != QLatin1Char('\n') && c != QLatin1Char('\r') &&
            c != QLatin1Char('\t'))
            return std::nullopt;
    }
    return text;
}

QString hexDump(const QByteArray &bytes, qsizetype limit)
{
    QStringList lines;
    const qsizetype shown = qMin(bytes.size(), limit);
    for (qsizetype offset = 0; offset < shown; offset += 16) {
        const QByteArray row = bytes.mid(offset, qMin<qsizetype>(16, shown - offset));
        QString hex = QString::fromLatin1(row.toHex(' ')).leftJustified(16 * 3);
        QString ascii;
        for (const char c : row)
            ascii += (c >= 0x20 && c < 0x7f) ? QLatin1Char(c) : QLatin1Char('.');
        lines << QStringLiteral("%1  %2 %3").arg(offset, 8, 16, QLatin1Char('0')).arg(hex, ascii);
    }
    if (shown < bytes.size())
        lines << QStringLiteral("\u2026 %1 more").arg(bytesText(bytes.size() - shown));
    return lines.join(QLatin1Char('\n'));
}

void appendBody(QStringList *lines, const QByteArray &body)
{
    if (body.isEmpty()) {
        lines->append(QStringLiteral("(empty)"));
        return;
    }
    const QByteArray shown = body.left(HttpTab::kMaxBodyShown);
    if (const std::optional<QString> text = asText(shown)) {
        lines->append(*text);
        if (shown.size() < body.size())
            lines->append(
                QStringLiteral("\u2026 %1 more").arg(bytesText(body.size() - shown.size())));
    } else {
        lines->append(QStringLiteral("(not text: hex dump)"));
        lines->append(hexDump(body, HttpTab::kMaxHexShown));
    }
}
} // namespace

HttpTab::HttpTab(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
}

void HttpTab::showNothing()
{
    setPlainText(QString());
}

void HttpTab::showDelivery(const Delivery &delivery)
{
    setPlainText(describe(delivery));
}

QString HttpTab::describe(const Delivery &d)
{
    QStringList lines;
    const QString target = d.query.isEmpty() ? d.path : d.path + QLatin1Char('?') + d.query;
    lines << d.method + QLatin1Char(' ') + target;
    lines << QStringLiteral("# %1, arrived %2 from %3")
                 .arg(QString::number(d.seq),
                      QDateTime::fromMSecsSinceEpoch(d.arrivalMs, Qt::UTC)
                          .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz 'UTC'")),
                      d.peer.isEmpty() ? QStringLiteral("?") : d.peer);

    lines << QString() << QStringLiteral("Headers (%1)").arg(d.headers.size());
    for (const HttpHeader &header : d.headers)
        lines << QString::fromLatin1(header.name) + QStringLiteral(": ") +
                     QString::fromLatin1(header.value);

    lines << QString()
          << QStringLiteral("Body: %1, %2").arg(bytesText(d.size), bodyKindName(d.bodyKind));
    if (d.bodyKind == BodyKind::Oversize)
        lines << QStringLiteral("(over the size limit: not kept)");
    else
        appendBody(&lines, d.body);

    lines << QString() << QStringLiteral("Answered: %1").arg(d.answerStatus);
    lines << (d.answerDelayMs > 0 ? QStringLiteral("after a delay of %1 ms").arg(d.answerDelayMs)
                                  : QStringLiteral("at once"));
    if (!d.answerBody.isEmpty())
        appendBody(&lines, d.answerBody);

    lines << QString();
    if (!d.forward) {
        lines << QStringLiteral("Forwarded: no (forward mode off)");
    } else {
        const ForwardResult &f = *d.forward;
        if (f.status == 0)
            lines << QStringLiteral("Forwarded: no answer after %1 ms: %2")
                         .arg(QString::number(f.latencyMs), f.error);
        else
            lines << QStringLiteral("Forwarded: the app answered %1 in %2 ms")
                         .arg(f.status)
                         .arg(f.latencyMs);
        if (f.wixWouldRetry())
            lines << QStringLiteral("Wix would retry: it needs a 2xx within 1250 ms.");
        if (!f.body.isEmpty())
            appendBody(&lines, f.body);
    }
    return lines.join(QLatin1Char('\n'));
}
