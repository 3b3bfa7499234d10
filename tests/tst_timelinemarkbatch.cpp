#include "timelinemarkbatch.h"

#include "analysis/deliveryanalysis.h"
#include "analysisflagstyle.h"

#include <QImage>
#include <QPaintDevice>
#include <QPaintEngine>
#include <QPainter>
#include <QTest>

#include <cmath>
#include <map>

// A paint device that draws nothing and records what is drawn on it: each line with the
// pen it was drawn with, each pixmap's place, and how often the pen changed.
class RecordingEngine final : public QPaintEngine
{
public:
    struct Stroke
    {
        QRgb color;
        Qt::PenStyle style;
        qreal width;
        bool operator<(const Stroke &o) const
        {
            return std::tie(color, style, width) < std::tie(o.color, o.style, o.width);
        }
    };

    std::map<Stroke, int> lines;
    QVector<QPointF> pixmapCentres;
    int penChanges = 0;

    RecordingEngine()
        : QPaintEngine(QPaintEngine::AllFeatures)
    {}
    bool begin(QPaintDevice *) override { return true; }
    bool end() override { return true; }
    Type type() const override { return User; }
    void updateState(const QPaintEngineState &state) override
    {
        if (state.state() & DirtyPen) {
            ++penChanges;
            m_pen = state.pen();
        }
    }
    void drawLines(const QLineF *, int count) override
    {
        lines[{m_pen.color().rgba(), m_pen.style(), m_pen.widthF()}] += count;
    }
    void drawPixmap(const QRectF &target, const QPixmap &, const QRectF &) override
    {
        pixmapCentres.append(target.center());
    }
    void drawEllipse(const QRectF &) override {}
    void drawPolygon(const QPointF *, int, PolygonDrawMode) override {}
    void drawRects(const QRectF *, int) override {}
    void drawPath(const QPainterPath &) override {}

    int linesOf(QColor color, Qt::PenStyle style = Qt::SolidLine) const
    {
        int n = 0;
        for (const auto &[stroke, count] : lines)
            n += stroke.color == color.rgba() && stroke.style == style ? count : 0;
        return n;
    }

private:
    QPen m_pen;
};

class RecordingDevice final : public QPaintDevice
{
public:
    mutable RecordingEngine engine;
    QPaintEngine *paintEngine() const override { return &engine; }

protected:
    int metric(PaintDeviceMetric metric) const override
    {
        switch (metric) {
        case PdmWidth:
            return 1200;
        case PdmHeight:
            return 800;
        case PdmDpiX:
        case PdmDpiY:
        case PdmPhysicalDpiX:
        case PdmPhysicalDpiY:
            return 96;
        case PdmWidthMM:
            return 1200 * 254 / 960;
        case PdmHeightMM:
            return 800 * 254 / 960;
        case PdmDepth:
            return 32;
        case PdmNumColors:
            return INT_MAX;
        case PdmDevicePixelRatio:
            return 1;
        case PdmDevicePixelRatioScaled:
            return int(devicePixelRatioFScale());
        }
        return 0;
    }
};

class TestTimelineMarkBatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyMarkIsDrawnWhereItIs();
    void linksOfOneStyleAreThinnedRareOnesAllDrawn();
    void eachPenIsSetOncePerStyle();
    void marksLookAsTheyDid();
    void selectedMarkIsRinged();
};

namespace {
using Category = AnalysisFlagStyle::Category;

// Antialiased edges of a curve may blend a little into a pixel that it covers.
bool nearly(const QColor &actual, const QColor &expected)
{
    return qAbs(actual.red() - expected.red()) <= 12 &&
           qAbs(actual.green() - expected.green()) <= 12 &&
           qAbs(actual.blue() - expected.blue()) <= 12;
}

QColor linkColor(Category category, int alpha = 150)
{
    QColor color = AnalysisFlagStyle::markColor(category);
    color.setAlpha(alpha);
    return color;
}
} // namespace

void TestTimelineMarkBatch::everyMarkIsDrawnWhereItIs()
{
    TimelineMarkBatch batch;
    constexpr int kMarks = 5000;
    for (int i = 0; i < kMarks; ++i)
        batch.add(QPointF(10 + i * 0.2, 40 + i % 7), QPointF(600 + i * 0.1, 60), 0, true);
    batch.add(QPointF(300, 300), QPointF(400, 300), FlagOutOfOrder, true);
    batch.add(QPointF(320, 300), QPointF(420, 300), 0, false);
    RecordingDevice device;
    QPainter painter(&device);
    batch.paint(painter);
    painter.end();

    const QVector<QPointF> &centres = device.engine.pixmapCentres;
    QCOMPARE(centres.size(), kMarks + 2);
    // A sprite's centre lands on its mark's point (within the pixel it was rounded to).
    QVERIFY(centres.contains(QPointF(300, 300)));
    QVERIFY(centres.contains(QPointF(320, 300)));
    for (const int i : {0, 1, kMarks / 2, kMarks - 1}) {
        const QPointF mark(10 + i * 0.2, 40 + i % 7);
        const bool found = std::any_of(centres.cbegin(), centres.cend(), [&](QPointF c) {
            return qAbs(c.x() - mark.x()) <= 0.5 && qAbs(c.y() - mark.y()) <= 0.5;
        });
        QVERIFY2(found, qPrintable(QString::number(i)));
    }
    // Every arrival keeps its tick (ticks are short and never thinned).
    QCOMPARE(device.engine.linesOf(AnalysisFlagStyle::markColor(Category::None)), kMarks + 1);
}

void TestTimelineMarkBatch::linksOfOneStyleAreThinnedRareOnesAllDrawn()
{
    // 2,000 plain links each 500 pixels wide in view, a million pixels: past the budget.
    TimelineMarkBatch batch;
    constexpr int kPlain = 2000;
    constexpr double kWidth = 500;
    for (int i = 0; i < kPlain; ++i)
        batch.add(QPointF(i * 0.2, 40), QPointF(i * 0.2 + kWidth, 60), 0, true);
    // Three late retries among them: dashed links of their own colour, all drawn.
    for (int i = 0; i < 3; ++i)
        batch.add(QPointF(100.0 * i, 40), QPointF(900, 60), FlagLateRetry, true);
    RecordingDevice device;
    QPainter painter(&device);
    batch.paint(painter);
    painter.end();

    const int plain = device.engine.linesOf(linkColor(Category::None));
    const double pixels = plain * std::hypot(kWidth, 20);
    QVERIFY2(pixels <= TimelineMarkBatch::kLinkPixelBudget,
             qPrintable(QStringLiteral("%1 links, %2 pixels").arg(plain).arg(pixels)));
    // Thinned, not dropped: close to the budget.
    QVERIFY2(pixels >= 0.8 * TimelineMarkBatch::kLinkPixelBudget,
             qPrintable(QStringLiteral("%1 links, %2 pixels").arg(plain).arg(pixels)));
    QCOMPARE(device.engine.linesOf(linkColor(Category::Retry), Qt::DashLine), 3);
    // Every mark is still there.
    QCOMPARE(device.engine.pixmapCentres.size(), kPlain + 3);

    // The same links mostly out of view (a clip, as the view's plot area): all drawn.
    RecordingDevice clipped;
    QPainter inView(&clipped);
    inView.setClipRect(QRectF(0, 0, 50, 800));
    batch.paint(inView);
    inView.end();
    QCOMPARE(clipped.engine.linesOf(linkColor(Category::None)), kPlain);

    // Few links: every one drawn.
    TimelineMarkBatch few;
    for (int i = 0; i < 50; ++i)
        few.add(QPointF(i, 40), QPointF(500 + i, 60), 0, true);
    RecordingDevice other;
    QPainter again(&other);
    few.paint(again);
    again.end();
    QCOMPARE(other.engine.linesOf(linkColor(Category::None)), 50);
}

void TestTimelineMarkBatch::eachPenIsSetOncePerStyle()
{
    TimelineMarkBatch batch;
    const quint32 flags[] = {
        0, FlagOutOfOrder, FlagSequenceGap, FlagLateRetry, FlagDuplicate, FlagBadSignature};
    for (int i = 0; i < 3000; ++i)
        batch.add(QPointF(i * 0.3, 40), QPointF(i * 0.3 + 20, 60), flags[i % 6], i % 5 != 0);
    RecordingDevice device;
    QPainter painter(&device);
    batch.paint(painter);
    painter.end();
    // Six categories' links (one dashed) and ticks, the gap bars: 14 pens however many marks.
    QVERIFY2(device.engine.penChanges <= 16, qPrintable(QString::number(device.engine.penChanges)));
    QCOMPARE(device.engine.pixmapCentres.size(), 3000);
}

void TestTimelineMarkBatch::marksLookAsTheyDid()
{
    // As the view drew each mark before: a circle, a diamond or a square filled with its
    // category's colour, its link and its tick.
    QImage image(200, 100, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    TimelineMarkBatch batch;
    batch.add(QPointF(30, 30), QPointF(150, 60), 0, true);
    batch.add(QPointF(60, 30), QPointF(160, 60), FlagOutOfOrder, true);
    batch.add(QPointF(90, 30), QPointF(170, 60), FlagDuplicate, false);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    batch.paint(painter);
    painter.end();
    QCOMPARE(image.pixelColor(30, 30), AnalysisFlagStyle::markColor(Category::None));
    QCOMPARE(image.pixelColor(60, 30), AnalysisFlagStyle::markColor(Category::OutOfOrder));
    QCOMPARE(image.pixelColor(90, 30), AnalysisFlagStyle::markColor(Category::Redundant));
    // A square fills its corners, a circle does not.
    QCOMPARE(image.pixelColor(87, 27), AnalysisFlagStyle::markColor(Category::Redundant));
    QCOMPARE(image.pixelColor(26, 26), QColor(Qt::white));
    // The tick below each arrival, in the mark's colour.
    QCOMPARE(image.pixelColor(150, 64), AnalysisFlagStyle::markColor(Category::None));
    QCOMPARE(image.pixelColor(170, 64), AnalysisFlagStyle::markColor(Category::Redundant));
    // The link leaves the mark towards its arrival.
    QVERIFY(image.pixelColor(130, 45) != QColor(Qt::white));
    QCOMPARE(image.pixelColor(130, 35), QColor(Qt::white));
}

void TestTimelineMarkBatch::selectedMarkIsRinged()
{
    QImage image(200, 100, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    const QColor highlight(0x30, 0x8c, 0xc6);
    TimelineMarkBatch selected(highlight);
    selected.add(QPointF(40, 40), QPointF(150, 60), 0, true);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    selected.paint(painter);
    painter.end();
    QCOMPARE(image.pixelColor(40, 40), AnalysisFlagStyle::markColor(Category::None));
    const int ring = int(TimelineMarkBatch::kMarkRadius) + 4;
    for (const QPoint &onRing :
         {QPoint(40 + ring, 40), QPoint(40 - ring, 40), QPoint(40, 40 - ring)})
        QVERIFY2(nearly(image.pixelColor(onRing), highlight),
                 qPrintable(image.pixelColor(onRing).name()));
    // Not the unselected look: no ring there.
    QImage plain(200, 100, QImage::Format_ARGB32_Premultiplied);
    plain.fill(Qt::white);
    TimelineMarkBatch unselected;
    unselected.add(QPointF(40, 40), QPointF(150, 60), 0, true);
    QPainter again(&plain);
    again.setRenderHint(QPainter::Antialiasing);
    unselected.paint(again);
    again.end();
    QCOMPARE(plain.pixelColor(40 - ring, 40), QColor(Qt::white));
}

QTEST_MAIN(TestTimelineMarkBatch)
#include "tst_timelinemarkbatch.moc"
