#include "analysisdocks.h"

#include "analysismodels.h"
#include "eventgroupsview.h"
#include "expertinfoview.h"
#include "flagslegend.h"
#include "latencypanel.h"
#include "models/forwardlatencymodel.h"
#include "timelineview.h"

#include <QDockWidget>
#include <QLocale>
#include <QMainWindow>
#include <QScrollArea>

AnalysisDocks::AnalysisDocks(AnalysisModels *models, QMainWindow *window)
    : QObject(window)
    , m_window(window)
    , m_timeline(new TimelineView)
    , m_eventGroups(new EventGroupsView)
    , m_expertInfo(new ExpertInfoView)
    , m_latency(new LatencyPanel)
    , m_legend(new FlagsLegend)
{
    m_timeline->setModel(models->timeline());
    m_eventGroups->setModel(models->eventGroups());
    m_expertInfo->setExpertInfoModel(models->expertInfo());
    m_latency->setModel(models->forwardLatency());

    m_timelineDock = addDock(m_timeline, QStringLiteral("Timeline"), QStringLiteral("timelineDock"),
                             Qt::BottomDockWidgetArea);
    m_eventGroupsDock = addDock(m_eventGroups, QStringLiteral("Event groups"),
                                QStringLiteral("eventGroupsDock"), Qt::BottomDockWidgetArea);
    m_expertInfoDock = addDock(m_expertInfo, QStringLiteral("Expert info"),
                               QStringLiteral("expertInfoDock"), Qt::BottomDockWidgetArea);
    m_latencyDock = addDock(m_latency, QStringLiteral("Handler latency"),
                            QStringLiteral("latencyDock"), Qt::BottomDockWidgetArea);
    auto *legendScroll = new QScrollArea;
    legendScroll->setWidget(m_legend);
    legendScroll->setWidgetResizable(true);
    legendScroll->setFrameShape(QFrame::NoFrame);
    m_legendDock = addDock(legendScroll, QStringLiteral("Colour legend"),
                           QStringLiteral("flagsLegendDock"), Qt::RightDockWidgetArea);
    window->tabifyDockWidget(m_timelineDock, m_eventGroupsDock);
    window->tabifyDockWidget(m_eventGroupsDock, m_expertInfoDock);
    window->tabifyDockWidget(m_expertInfoDock, m_latencyDock);
    m_timelineDock->raise();
    // Forward mode only: the dock shows itself when the first forwarded delivery arrives.
    m_latencyDock->hide();
    m_legendDock->hide();
    window->resizeDocks({m_timelineDock}, {240}, Qt::Vertical);

    connect(m_timeline, &TimelineView::deliverySelected, this, &AnalysisDocks::deliverySelected);
    connect(m_eventGroups, &EventGroupsView::deliverySelected, this,
            &AnalysisDocks::deliverySelected);
    connect(m_expertInfo, &ExpertInfoView::deliverySelected, this,
            &AnalysisDocks::deliverySelected);
    connect(m_latency, &LatencyPanel::deliverySelected, this, &AnalysisDocks::deliverySelected);
    // A large session's first deliveries are left out of the per-delivery views: say so.
    connect(models, &AnalysisModels::omittedCountChanged, this, [this](int omitted) {
        const QString latest =
            omitted > 0 ? QStringLiteral(" (latest %1 of %2)")
                              .arg(QLocale().toString(AnalysisModels::kWindow),
                                   QLocale().toString(qint64(omitted) + AnalysisModels::kWindow))
                        : QString();
        m_timelineDock->setWindowTitle(QStringLiteral("Timeline") + latest);
        m_eventGroupsDock->setWindowTitle(QStringLiteral("Event groups") + latest);
        m_latencyDock->setWindowTitle(QStringLiteral("Handler latency") + latest);
    });
    ForwardLatencyModel *latency = models->forwardLatency();
    connect(latency, &QAbstractItemModel::rowsInserted, this, &AnalysisDocks::onLatencyRows);
    connect(latency, &QAbstractItemModel::modelReset, this, [this] { m_latencyShown = false; });
}

QDockWidget *AnalysisDocks::addDock(QWidget *view, const QString &title, const QString &objectName,
                                    Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, m_window);
    dock->setObjectName(objectName);
    dock->setWidget(view);
    m_window->addDockWidget(area, dock);
    return dock;
}

QList<QDockWidget *> AnalysisDocks::docks() const
{
    return {m_timelineDock, m_eventGroupsDock, m_expertInfoDock, m_latencyDock, m_legendDock};
}

void AnalysisDocks::selectDelivery(qint64 seq)
{
    m_timeline->selectDelivery(seq);
    m_eventGroups->selectDelivery(seq);
    m_latency->selectDelivery(seq);
}

void AnalysisDocks::showExpertInfo()
{
    m_expertInfoDock->show();
    m_expertInfoDock->raise();
    m_expertInfo->setFocus(Qt::OtherFocusReason);
}

void AnalysisDocks::onLatencyRows()
{
    // Once per session: a dock the developer closes afterwards stays closed.
    if (m_latencyShown)
        return;
    m_latencyShown = true;
    m_latencyDock->show();
}
