#pragma once

#include <QColor>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

// Colours a compact JWS by segment: header, payload and signature in three
// colours, the dots neutral, characters outside base64url marked as errors.
// A token may wrap over several blocks: each block's state is the number of
// dots seen before its end.
class JwtSegmentHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JwtSegmentHighlighter)

public:
    enum class Segment { Header, Payload, Signature, Extra };

    explicit JwtSegmentHighlighter(QTextDocument *document = nullptr);

    static QColor segmentColor(Segment segment);

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_segmentFormats[4];
    QTextCharFormat m_dotFormat;
    QTextCharFormat m_errorFormat;
};
