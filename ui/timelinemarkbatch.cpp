#include "timelinemarkbatch.h"

#include "analysis/deliveryanalysis.h"

#include <QPainter>
#include <QPixmap>
#include <QPixmapCache>

#include <algorithm>
#include <cmath>

namespace {
constexpr double kTickLength = 6.0;

AnalysisFlagStyle::Category categoryAt(int index)
{
    return AnalysisFlagStyle::Category(index);
}
} // namespace

QPixmap TimelineMarkBatch::spriteOf(AnalysisFlagStyle::Category category, Shape shape,
                                    double pixelRatio)
{
    const QString key = QStringLiteral("hookscope-timeline-mark-%1-%2-%3")
                            .arg(int(category))
                            .arg(int(shape))
                            .arg(pixelRatio);
    QPixmap sprite;
    if (QPixmapCache::find(key, &sprite))
        return sprite;
    sprite = QPixmap(QSize(kSpriteSize, kSpriteSize) * pixelRatio);
    sprite.setDevicePixelRatio(pixelRatio);
    sprite.fill(Qt::transparent);
    QPainter painter(&sprite);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor color = AnalysisFlagStyle::markColor(category);
    painter.setPen(QPen(color.darker(140), 1));
    painter.setBrush(color);
    const QPointF mark(kSpriteSize / 2.0, kSpriteSize / 2.0);
    if (shape == Diamond) {
        const double r = kMarkRadius + 1.5;
        const QPointF diamond[4] = {mark + QPointF(0, -r), mark + QPointF(r, 0),
                                    mark + QPointF(0, r), mark + QPointF(-r, 0)};
        painter.drawPolygon(diamond, 4);
    } else if (shape == Square) {
        painter.drawRect(QRectF(mark.x() - kMarkRadius, mark.y() - kMarkRadius, 2 * kMarkRadius,
                                2 * kMarkRadius));
    } else {
        painter.drawEllipse(mark, kMarkRadius, kMarkRadius);
    }
    painter.end();
    QPixmapCache::insert(key, sprite);
    return sprite;
}

double TimelineMarkBatch::visibleLength(const QLineF &line, const QRectF &view)
{
    const double dx = std::abs(line.dx());
    if (dx < 1)
        return std::abs(line.dy());
    // Links run mostly across the lanes: the part of their width in view, at their slope.
    const double from = std::max(std::min(line.x1(), line.x2()), view.left());
    const double to = std::min(std::max(line.x1(), line.x2()), view.right());
    return std::max(0.0, to - from) * line.length() / dx;
}

void TimelineMarkBatch::drawLinks(QPainter &painter, const QVector<QLineF> &links, double share)
{
    const auto kept = std::max(std::min(links.size(), kMinLinksPerStyle),
                               qsizetype(std::ceil(double(links.size()) * share)));
    if (kept >= links.size()) {
        painter.drawLines(links);
        return;
    }
    const qsizetype stride = (links.size() + kept - 1) / kept;
    QVector<QLineF> some;
    some.reserve(kept);
    for (qsizetype i = 0; i < links.size(); i += stride)
        some.append(links.at(i));
    painter.drawLines(some);
}

TimelineMarkBatch::TimelineMarkBatch(QColor highlight)
    : m_highlight(std::move(highlight))
{}

void TimelineMarkBatch::add(QPointF mark, QPointF arrival, quint32 flags, bool hasEventTime)
{
    const int category = int(AnalysisFlagStyle::categoryOf(flags));
    auto &links = (flags & FlagLateRetry) ? m_dashedLinks : m_links;
    links[std::size_t(category)].append(QLineF(mark, arrival));
    m_ticks[std::size_t(category)].append(QLineF(arrival, arrival + QPointF(0, kTickLength)));
    if (flags & FlagSequenceGap) {
        for (const double dx : {-8.0, -11.0})
            m_gapBars.append(QLineF(mark + QPointF(dx, -5), mark + QPointF(dx, 5)));
    }
    const Shape shape = (flags & FlagOutOfOrder) ? Diamond : hasEventTime ? Circle : Square;
    m_marks[std::size_t(category)][shape].append(mark);
    if (m_highlight.isValid()) {
        m_rings.append(mark);
        m_rings.append(arrival);
    }
}

void TimelineMarkBatch::paint(QPainter &painter) const
{
    const bool selected = m_highlight.isValid();
    const QRectF view = painter.hasClipping()
                            ? painter.clipBoundingRect()
                            : QRectF(0, 0, painter.device()->width(), painter.device()->height());
    double pixels = 0;
    for (int category = 0; category < kCategories; ++category) {
        for (const QLineF &link : m_links[std::size_t(category)])
            pixels += visibleLength(link, view);
        for (const QLineF &link : m_dashedLinks[std::size_t(category)])
            pixels += kDashedLinkCost * visibleLength(link, view);
    }
    const double share = pixels > kLinkPixelBudget ? kLinkPixelBudget / pixels : 1.0;
    for (int category = 0; category < kCategories; ++category) {
        QColor link = AnalysisFlagStyle::markColor(categoryAt(category));
        link.setAlpha(selected ? 255 : 150);
        QPen pen(link, selected ? 2 : 1);
        const auto at = std::size_t(category);
        if (!m_links[at].isEmpty()) {
            painter.setPen(pen);
            drawLinks(painter, m_links[at], share);
        }
        if (!m_dashedLinks[at].isEmpty()) {
            pen.setStyle(Qt::DashLine);
            painter.setPen(pen);
            drawLinks(painter, m_dashedLinks[at], share);
        }
    }
    for (int category = 0; category < kCategories; ++category) {
        const auto at = std::size_t(category);
        if (m_ticks[at].isEmpty())
            continue;
        painter.setPen(QPen(AnalysisFlagStyle::markColor(categoryAt(category)), 2));
        painter.drawLines(m_ticks[at]);
    }
    if (!m_gapBars.isEmpty()) {
        painter.setPen(
            QPen(AnalysisFlagStyle::markColor(AnalysisFlagStyle::Category::SequenceGap), 2));
        painter.drawLines(m_gapBars);
    }
    if (selected) {
        painter.setPen(QPen(m_highlight, 2));
        painter.setBrush(Qt::NoBrush);
        for (qsizetype i = 0; i + 1 < m_rings.size(); i += 2) {
            painter.drawEllipse(m_rings.at(i), kMarkRadius + 4, kMarkRadius + 4);
            painter.drawEllipse(m_rings.at(i + 1) + QPointF(0, kTickLength / 2), 5, 5);
        }
    }
    for (int category = 0; category < kCategories; ++category) {
        for (int shape = 0; shape < kShapes; ++shape) {
            const QVector<QPointF> &marks = m_marks[std::size_t(category)][std::size_t(shape)];
            if (marks.isEmpty())
                continue;
            const QPixmap sprite =
                spriteOf(categoryAt(category), Shape(shape), painter.device()->devicePixelRatioF());
            const QPointF centre(kSpriteSize / 2.0, kSpriteSize / 2.0);
            for (const QPointF &mark : marks)
                painter.drawPixmap(mark - centre, sprite);
        }
    }
}
