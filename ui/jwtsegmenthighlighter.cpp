#include "jwtsegmenthighlighter.h"

namespace {
bool isBase64Url(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '-' ||
           u == '_';
}
} // namespace

JwtSegmentHighlighter::JwtSegmentHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    for (int i = 0; i < 4; ++i)
        m_segmentFormats[i].setForeground(segmentColor(static_cast<Segment>(i)));
    m_segmentFormats[3].setFontItalic(true);
    m_segmentFormats[3].setUnderlineStyle(QTextCharFormat::WaveUnderline);
    m_segmentFormats[3].setUnderlineColor(QColor(0xe0, 0x31, 0x31));
    m_dotFormat.setForeground(QColor(0x86, 0x8e, 0x96));
    m_dotFormat.setFontWeight(QFont::Bold);
    m_errorFormat.setForeground(QColor(0xc9, 0x2a, 0x2a));
    m_errorFormat.setBackground(QColor(0xff, 0xe3, 0xe3));
    m_errorFormat.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    m_errorFormat.setUnderlineColor(QColor(0xe0, 0x31, 0x31));
}

QColor JwtSegmentHighlighter::segmentColor(Segment segment)
{
    switch (segment) {
    case Segment::Header:
        return QColor(0xd6, 0x33, 0x6c);
    case Segment::Payload:
        return QColor(0x70, 0x48, 0xe8);
    case Segment::Signature:
        return QColor(0x0c, 0x85, 0x99);
    case Segment::Extra:
        break;
    }
    return QColor(0x86, 0x8e, 0x96);
}

void JwtSegmentHighlighter::highlightBlock(const QString &text)
{
    int dots = qMax(previousBlockState(), 0);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        const int position = static_cast<int>(i);
        if (c == QLatin1Char('.')) {
            setFormat(position, 1, m_dotFormat);
            ++dots;
        } else if (c.isSpace()) {
            continue;
        } else if (!isBase64Url(c)) {
            setFormat(position, 1, m_errorFormat);
        } else {
            setFormat(position, 1, m_segmentFormats[qMin(dots, 3)]);
        }
    }
    setCurrentBlockState(dots);
}
