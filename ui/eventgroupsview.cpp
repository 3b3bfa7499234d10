#include "eventgroupsview.h"

#include "models/eventgroupsmodel.h"
#include "retryschedulestrip.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QTreeView>
#include <QVBoxLayout>

EventGroupsView::EventGroupsView(QWidget *parent)
    : QWidget(parent)
    , m_tree(new QTreeView(this))
    , m_strip(new RetryScheduleStrip(this))
    , m_scheduleText(new QLabel(this))
{
    setObjectName(QStringLiteral("eventGroupsView"));
    m_tree->setObjectName(QStringLiteral("eventGroupsTree"));
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_scheduleText->setObjectName(QStringLiteral("retryScheduleText"));
    m_scheduleText->setTextFormat(Qt::PlainText);
    m_scheduleText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_strip);
    layout->addWidget(m_scheduleText);
    refreshSchedule();
}

void EventGroupsView::setModel(EventGroupsModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    m_tree->setModel(model);
    if (model) {
        m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);
        m_tree->setColumnWidth(EventGroupsModel::EventTypeColumn, 260);
        m_tree->setColumnWidth(EventGroupsModel::EntityColumn, 240);
        connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
                [this](const QModelIndex &current) { onCurrentChanged(current); });
        connect(model, &QAbstractItemModel::rowsInserted, this, &EventGroupsView::refreshSchedule);
        connect(model, &QAbstractItemModel::dataChanged, this, &EventGroupsView::refreshSchedule);
        connect(model, &QAbstractItemModel::modelReset, this, &EventGroupsView::refreshSchedule);
    }
    refreshSchedule();
}

int EventGroupsView::currentGroupRow() const
{
    if (!m_model || !m_tree->selectionModel())
        return -1;
    QModelIndex current = m_tree->currentIndex();
    if (!current.isValid())
        return -1;
    if (current.parent().isValid())
        current = current.parent();
    return current.row();
}

QString EventGroupsView::scheduleText() const
{
    return m_scheduleText->text();
}

void EventGroupsView::refreshSchedule()
{
    const int row = currentGroupRow();
    if (row < 0 || row >= m_model->groupCount()) {
        m_strip->clear();
        m_strip->setVisible(false);
        m_scheduleText->setText(QStringLiteral("Select an event to see its deliveries."));
        return;
    }
    const EventGroup &group = m_model->groupAt(row);
    const RetryPlan plan = group.retryPlan();
    m_strip->setPlan(plan);
    m_strip->setVisible(plan.retrying);
    const qsizetype count = group.deliveries.size();
    m_scheduleText->setText(QStringLiteral("Event of delivery #%1, %2 deliver%3: %4")
                                .arg(group.firstSeq)
                                .arg(count)
                                .arg(count == 1 ? QStringLiteral("y") : QStringLiteral("ies"))
                                .arg(plan.summary()));
}

void EventGroupsView::onCurrentChanged(const QModelIndex &current)
{
    refreshSchedule();
    if (m_syncing || !current.isValid())
        return;
    const qint64 seq = current.data(EventGroupsModel::SeqRole).toLongLong();
    if (seq > 0)
        Q_EMIT deliverySelected(seq);
}

void EventGroupsView::selectDelivery(qint64 seq)
{
    if (!m_model)
        return;
    const QModelIndex index = m_model->indexForSeq(seq);
    if (!index.isValid())
        return;
    m_syncing = true;
    m_tree->expand(index.parent());
    m_tree->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_tree->scrollTo(index);
    m_syncing = false;
}
