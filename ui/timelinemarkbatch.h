#pragma once

#include "analysisflagstyle.h"

#include <QColor>
#include <QLineF>
#include <QPixmap>
#include <QPointF>
#include <QRectF>
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
// on top), each mark is a copy of a sprite drawn once per colour and shape, and links past a
// budget of pixels are thinned (kLinkPixelBudget); every mark and tick is still drawn.
class TimelineMarkBatch final
{
public:
    // A valid highlight draws the marks selected: solid, wider links and a ring around
    // the mark and the tick in that colour.
    explicit TimelineMarkBatch(QColor highlight = QColor());

    // The links' pixels in view a paint draws at most. A link costs by its length in view
    // (about 10 to 30 ns a pixel, dashed ones about 2.5 times that), a link across the view
    // up to 30 µs, and thousands of them fill a band where one more changes no pixel's
    // meaning. Past the budget each style (colour, solid or dashed) keeps the same share of
    // its links, evenly spread, but never fewer than kMinLinksPerStyle.
    static constexpr double kLinkPixelBudget = 150000;
    static constexpr double kDashedLinkCost = 2.5;
    static constexpr qsizetype kMinLinksPerStyle = 50;
    static constexpr double kMarkRadius = 4.0;

    void add(QPointF mark, QPointF arrival, quint32 flags, bool hasEventTime);
    void paint(QPainter &painter) const;

private:
    static constexpr int kCategories = int(AnalysisFlagStyle::Category::None) + 1;
    enum Shape { Circle, Diamond, Square, kShapes };
    static constexpr int kSpriteSize = 16; // the diamond's 11 pixels and its pen, centred

    // `share` of them (all if few), evenly spread over the group (in arrival order).
    static void drawLinks(QPainter &painter, const QVector<QLineF> &links, double share);
    static double visibleLength(const QLineF &line, const QRectF &view);

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
