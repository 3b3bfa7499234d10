#include "expertinfoview.h"

#include "models/expertinfomodel.h"
#include "severitydelegate.h"

#include <QHeaderView>

ExpertInfoView::ExpertInfoView(QWidget *parent)
    : QTreeView(parent)
{
    setObjectName(QStringLiteral("expertInfoView"));
    setUniformRowHeights(true);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setItemDelegate(new SeverityDelegate(ExpertInfoModel::SeverityRole, this));
    connect(this, &QAbstractItemView::activated, this, &ExpertInfoView::onActivated);
}

void ExpertInfoView::setExpertInfoModel(ExpertInfoModel *model)
{
    if (ExpertInfoModel *old = qobject_cast<ExpertInfoModel *>(this->model()))
        disconnect(old, nullptr, this, nullptr);
    setModel(model);
    if (!model)
        return;
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(ExpertInfoModel::SummaryColumn, QHeaderView::Stretch);
    header()->setSectionResizeMode(ExpertInfoModel::SeqColumn, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(ExpertInfoModel::CountColumn, QHeaderView::ResizeToContents);
    // Severities open as they appear, as in Wireshark; codes stay closed.
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &parent, int first, int last) {
                if (parent.isValid())
                    return;
                for (int row = first; row <= last; ++row)
                    expand(this->model()->index(row, 0));
            });
    for (int row = 0; row < model->rowCount(); ++row)
        expand(model->index(row, 0));
}

void ExpertInfoView::onActivated(const QModelIndex &index)
{
    const QVariant seq = index.data(ExpertInfoModel::SeqRole);
    if (seq.isValid() && seq.toLongLong() > 0)
        Q_EMIT deliverySelected(seq.toLongLong());
}
