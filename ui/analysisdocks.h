#pragma once

#include <QObject>

class AnalysisModels;
class EventGroupsView;
class ExpertInfoView;
class FlagsLegend;
class LatencyPanel;
class QDockWidget;
class QMainWindow;
class TimelineView;

// The analysis views as docks of the main window: Timeline, Event groups and
// Expert info (tabbed at the bottom), Handler latency (shown once forwarded
// deliveries appear) and the list's colour legend (on the right, hidden at
// first). Every view's choice of a delivery comes out as deliverySelected;
// selectDelivery marks one in every view without echoing it back.
class AnalysisDocks final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AnalysisDocks)

public:
    AnalysisDocks(AnalysisModels *models, QMainWindow *window);

    QDockWidget *timelineDock() const { return m_timelineDock; }
    QDockWidget *eventGroupsDock() const { return m_eventGroupsDock; }
    QDockWidget *expertInfoDock() const { return m_expertInfoDock; }
    QDockWidget *latencyDock() const { return m_latencyDock; }
    QDockWidget *legendDock() const { return m_legendDock; }
    QList<QDockWidget *> docks() const;

    TimelineView *timeline() const { return m_timeline; }
    EventGroupsView *eventGroups() const { return m_eventGroups; }
    ExpertInfoView *expertInfo() const { return m_expertInfo; }
    LatencyPanel *latency() const { return m_latency; }

public Q_SLOTS:
    void selectDelivery(qint64 seq);
    void showExpertInfo();

Q_SIGNALS:
    void deliverySelected(qint64 seq);

private:
    QDockWidget *addDock(QWidget *view, const QString &title, const QString &objectName,
                         Qt::DockWidgetArea area);
    void onLatencyRows();

    QMainWindow *m_window;
    TimelineView *m_timeline;
    EventGroupsView *m_eventGroups;
    ExpertInfoView *m_expertInfo;
    LatencyPanel *m_latency;
    FlagsLegend *m_legend;
    QDockWidget *m_timelineDock;
    QDockWidget *m_eventGroupsDock;
    QDockWidget *m_expertInfoDock;
    QDockWidget *m_latencyDock;
    QDockWidget *m_legendDock;
    bool m_latencyShown = false;
};
