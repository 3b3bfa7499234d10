#pragma once

#include <QTreeView>

class ExpertInfoModel;

// Every finding grouped by severity and code (ExpertInfoModel). Activating a
// finding (double-click, Enter) emits the seq of the delivery that has it.
class ExpertInfoView final : public QTreeView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExpertInfoView)

public:
    explicit ExpertInfoView(QWidget *parent = nullptr);

    void setExpertInfoModel(ExpertInfoModel *model);

Q_SIGNALS:
    void deliverySelected(qint64 seq);

private:
    void onActivated(const QModelIndex &index);
};
