#pragma once

#include <QWidget>

class EventGroupsModel;
class QLabel;
class QModelIndex;
class QTreeView;
class RetryScheduleStrip;

// One row per distinct event with its deliveries (EventGroupsModel), and below
// the tree, for the selected event when Wix is retrying it, its attempts against
// Wix's schedule and the next retry expected, in plain text.
class EventGroupsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventGroupsView)

public:
    explicit EventGroupsView(QWidget *parent = nullptr);

    void setModel(EventGroupsModel *model);
    EventGroupsModel *model() const { return m_model; }
    QTreeView *tree() const { return m_tree; }
    RetryScheduleStrip *scheduleStrip() const { return m_strip; }
    QString scheduleText() const; // what the label below the strip says
    int currentGroupRow() const;  // -1 when nothing is selected

public Q_SLOTS:
    // Selects the delivery's row (expanding its event); does not emit deliverySelected.
    void selectDelivery(qint64 seq);

Q_SIGNALS:
    // A delivery row was chosen (a group row chooses the event's first delivery).
    void deliverySelected(qint64 seq);

private:
    void onCurrentChanged(const QModelIndex &current);
    void refreshSchedule();

    EventGroupsModel *m_model = nullptr;
    QTreeView *m_tree;
    RetryScheduleStrip *m_strip;
    QLabel *m_scheduleText;
    bool m_syncing = false;
};
