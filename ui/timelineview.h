#pragma once

#include "models/timelinemodel.h"

#include <QAbstractScrollArea>
#include <QPointer>
#include <QVector>

class QTimer;
class TimelineMarkBatch;

// The timeline: one lane per entity (per instance for app events, one legacy lane
// per instance), each delivery drawn as a mark at its eventTime linked to a tick at
// its arrival; duplicates stack above the first delivery; colours from the analysis
// flags (AnalysisFlagStyle). Out-of-order events are diamonds, a sequence gap gets a
// bar before its mark, late retries a dashed link. Only the visible range is painted,
// found by arrival time, so 10,000 events stay smooth.
//
// Zoom: Ctrl+wheel (at the cursor), + and -, 0 fits everything. Pan: drag, wheel
// (Shift+wheel or a horizontal wheel: in time), arrow keys, Home/End. Hover shows a
// plain-text summary. A click selects a delivery and emits deliverySelected.
class TimelineView final : public QAbstractScrollArea
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineView)

public:
    explicit TimelineView(QWidget *parent = nullptr);

    void setModel(TimelineModel *model);
    TimelineModel *model() const { return m_model; }

    int laneCount() const;
    qint64 selectedSeq() const { return m_selectedSeq; }
    // In viewport coordinates; 0 / a null point when there is none.
    qint64 seqAt(const QPoint &viewportPos) const;
    QPoint eventMarkPosition(qint64 seq) const;
    QPoint arrivalMarkPosition(qint64 seq) const;
    QRect laneRect(int lane) const;
    int laneAt(int viewportY) const; // -1 outside the lanes
    double msPerPixel() const { return m_msPerPixel; }

public Q_SLOTS:
    // Selects and scrolls into view; does not emit deliverySelected.
    void selectDelivery(qint64 seq);
    void zoomIn();
    void zoomOut();
    void fitAll(); // and keep fitting as deliveries arrive, until the next zoom or pan

Q_SIGNALS:
    void deliverySelected(qint64 seq);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    static constexpr int kLiveRepaintMs = 100;

    void onRowsInserted();
    void relayout();
    void requestRepaint(); // now, or soon after rows were inserted
    void updateScrollBars();
    void zoomAt(double viewportX, double factor);
    void panBy(int dx, int dy);
    void ensureVisible(int row);
    int laneHeight(int lane) const;
    int laneTop(int lane) const; // viewport y
    double xFor(double ms) const;
    double timeAt(double viewportX) const;
    double eventMarkY(const TimelineEvent &event) const;
    double arrivalY(const TimelineEvent &event) const;
    int plotWidth() const;
    void addMark(TimelineMarkBatch &batch, const TimelineEvent &event) const;
    void paintAxis(QPainter &painter, bool gridOnly) const;
    void paintGutter(QPainter &painter, int firstLane, int lastLane) const;

    QPointer<TimelineModel> m_model;
    QVector<int> m_laneTops; // content y of each lane, and the total height last
    double m_startMs = 0;    // time at content x = 0
    double m_endMs = 0;
    double m_msPerPixel = 1;
    bool m_userZoomed = false;
    qint64 m_selectedSeq = 0;
    QPoint m_pressPos;
    int m_pressH = 0;
    int m_pressV = 0;
    bool m_pressed = false;
    bool m_dragging = false;
    bool m_repaintLater = false;
    QTimer *m_repaint;
};
