#include "plaintooltip.h"

namespace {
constexpr qsizetype kMaxToolTipChars = 2000;
}

QString plainToolTip(const QString &text)
{
    if (text.isEmpty())
        return text;
    QString shown = text.left(kMaxToolTipChars);
    if (shown.size() < text.size())
        shown += QChar(0x2026);
    return QStringLiteral("<p style=\"white-space:pre-wrap\">") + shown.toHtmlEscaped() +
           QStringLiteral("</p>");
}
