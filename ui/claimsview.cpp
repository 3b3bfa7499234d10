#include "claimsview.h"

#include "wix/tokeninspection.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace {
constexpr qsizetype kMaxValueChars = 160;
constexpr int kMaxKeyWidth = 20;

QString oneLine(QString text)
{
    text.replace(QLatin1Char('\n'), QLatin1String("\\n"));
    text.replace(QLatin1Char('\r'), QLatin1String("\\r"));
    if (text.size() > kMaxValueChars)
        text = text.left(kMaxValueChars) + QChar(0x2026);
    return text;
}

QString compactJson(const QJsonValue &value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

QString relative(qint64 seconds)
{
    const qint64 magnitude = std::llabs(seconds);
    QString amount;
    if (magnitude < 60)
        amount = QStringLiteral("%1 s").arg(magnitude);
    else if (magnitude < 7200)
        amount = QStringLiteral("%1 min").arg(magnitude / 60);
    else if (magnitude < 172800)
        amount = QStringLiteral("%1 h").arg(magnitude / 3600);
    else
        amount = QStringLiteral("%1 days").arg(magnitude / 86400);
    return seconds > 0 ? QStringLiteral("in %1").arg(amount) : amount + QStringLiteral(" ago");
}

bool isTimeClaim(const QString &key)
{
    return key == QLatin1String("iat") || key == QLatin1String("exp") ||
           key == QLatin1String("nbf");
}

QString describeValue(const QString &key, const QJsonValue &value, qint64 now)
{
    if (isTimeClaim(key) && value.isDouble() && std::isfinite(value.toDouble()) &&
        std::fabs(value.toDouble()) < 1e13) {
        const auto seconds = static_cast<qint64>(std::floor(value.toDouble()));
        const QString date = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC)
                                 .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
        return QStringLiteral("%1  %2 (%3)").arg(compactJson(value), date, relative(seconds - now));
    }
    if (value.isString()) {
        const QString text = value.toString();
        const QJsonDocument inner = QJsonDocument::fromJson(text.toUtf8());
        if (!inner.isNull())
            return QStringLiteral("string of JSON, %1 characters (expanded in the tree)")
                .arg(text.size());
        return oneLine(text);
    }
    return oneLine(compactJson(value));
}

void appendSection(QStringList *lines, const QString &title,
                   const QList<QPair<QString, QString>> &rows)
{
    if (rows.isEmpty())
        return;
    if (!lines->isEmpty())
        lines->append(QString());
    lines->append(title);
    int width = 0;
    for (const auto &row : rows)
        width = qMax(width, static_cast<int>(qMin<qsizetype>(row.first.size(), kMaxKeyWidth)));
    for (const auto &row : rows)
        lines->append(QStringLiteral("  ") + oneLine(row.first).leftJustified(width) +
                      QStringLiteral("  ") + row.second);
}

QList<QPair<QString, QString>> describeObject(const QJsonObject &object, qint64 now)
{
    QList<QPair<QString, QString>> rows;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        rows.append({it.key(), describeValue(it.key(), it.value(), now)});
    return rows;
}
} // namespace

ClaimsView::ClaimsView(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
}

void ClaimsView::showNothing(const QString &hint)
{
    setPlainText(hint);
}

void ClaimsView::showInspection(const TokenInspection &inspection, qint64 now)
{
    QStringList lines;
    const CompactJws &jws = inspection.parsed.jws;
    appendSection(&lines, QStringLiteral("Header"), describeObject(jws.header(), now));
    appendSection(&lines, QStringLiteral("Claims"), describeObject(jws.payload(), now));

    const WixEvent &event = inspection.decoding.event;
    if (inspection.decoding.hasEnvelope()) {
        QList<QPair<QString, QString>> rows;
        const auto add = [&rows](const char *name, const QString &value) {
            if (!value.isEmpty())
                rows.append({QLatin1String(name), oneLine(value)});
        };
        add("eventType", event.eventType);
        add("instanceId", event.instanceId);
        add("identity", (event.identityTypeText + QLatin1Char(' ') + event.identityId).trimmed());
        add("kind", event.kind == WixEventKind::Unknown ? QString() : wixEventKindName(event.kind));
        add("entity", event.entityKey());
        add("eventId", event.eventId);
        add("eventTime", event.eventTime);
        add("sequence", event.entityEventSequence);
        appendSection(&lines, QStringLiteral("Wix event (%1)").arg(wixEventShapeName(event.shape)),
                      rows);
    }
    if (!inspection.decoding.notes.isEmpty()) {
        lines << QString() << QStringLiteral("Notes");
        for (const QString &note : inspection.decoding.notes)
            lines << QStringLiteral("  \u2022 ") + oneLine(note);
    }
    setPlainText(lines.join(QLatin1Char('\n')));
}
