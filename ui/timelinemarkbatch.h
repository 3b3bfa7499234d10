#pragma once

#include "analysisflagstyle.h"

#include <QColor>
#include <QLineF>
#include <QPixmap>
#include <QPointF>
#include <QVector>

#include <array>

class QPainter;

// The timeline's marks of one paint, drawn together. A delivery is a mark at its eventTime
// (a circle; a diamond when out of order; a square without an eventTime) linked to a tick at
// its arrival, in its analysis category's colour (AnalysisFlagStyle), the link dashed for a
// late retry, a bar before the mark for a sequence gap. Drawn one by one, each set its pens
// four times and drew its mark as a path: with 50,000 deliveries of a live capture in view
// (bench_gui_load) a paint drew 800 to 3,000 of them and took up to 54 ms. Here each pen is
// set once per paint for all it draws (the links first, then the ticks and bars, the marks
// on top), each mark is a copy of a sprite drawn once per colour and shape, and the links of
// one style beyond kMaxLinksPerStyle (solid) or kMaxDashedLinksPerStyle are thinned; every mark and
// tick is still drawn.
class TimelineMarkBatch final
{
public:
    // A valid highlight draws the marks selected: solid, wider links and a ring around
    // the mark and the tick in that colour.
    explicit TimelineMarkBatch(QColor highlight = QColor());

    // Links drawn per colour, solid or dashed, at most: a solid link across the view costs
    // about 9 µs, a dashed one about 25 µs, and thousands of them fill a band where one
    // more changes no pixel's meaning.
    static constexpr qsizetype kMaxLinksPerStyle = 400;
    static constexpr qsizetype kMaxDashedLinksPerStyle = 150;
    static constexpr double kMarkRadius = 4.0;

    void add(QPointF mark, QPointF arrival, quint32 flags, bool hasEventTime);
    void paint(QPainter &painter) const;

private:
    static constexpr int kCategories = int(AnalysisFlagStyle::Category::None) + 1;
    enum Shape { Circle, Diamond, Square, kShapes };
    static constexpr int kSpriteSize = 16; // the diamond's 11 pixels and its pen, centred

    // At most `most` of them, evenly spread over the group (in arrival order).
    static void drawLinks(QPainter &painter, const QVector<QLineF> &links, qsizetype most);

    // Each shape in each colour drawn once (Qt's pixmap cache keeps it), then copied.
    static QPixmap spriteOf(AnalysisFlagStyle::Category category, Shape shape, double pixelRatio);

    const QColor m_highlight;
    std::array<QVector<QLineF>, kCategories> m_links;
    std::array<QVector<QLineF>, kCategories> m_dashedLinks;
    std::array<QVector<QLineF>, kCategories> m_ticks;
    QVector<QLineF> m_gapBars;
    std::array<std::array<QVector<QPointF>, kShapes>, kCategories> m_marks;
    QVector<QPointF> m_rings; // the selected marks and ticks
};
