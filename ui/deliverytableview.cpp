#include "deliverytableview.h"

#include "deliveryrowdelegate.h"
#include "models/deliverylistmodel.h"
#include "plaintooltip.h"

#include <QHeaderView>
#include <QHelpEvent>
#include <QScrollBar>
#include <QToolTip>

DeliveryTableView::DeliveryTableView(QWidget *parent)
    : QTableView(parent)
{
    setSelectionBehavior(QAbstractItemView::SelectRows);
    // Extended: two rows selected can be compared.
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setAlternatingRowColors(true);
    setShowGrid(false);
    setWordWrap(false);
    setTextElideMode(Qt::ElideMiddle);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    QHeaderView *header = horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionsMovable(true);
    header->setStretchLastSection(true);
    header->setSortIndicator(DeliveryListModel::SeqColumn, Qt::AscendingOrder);
    // Row colours from the analysis flags on every column, the signature dot in its own.
    setItemDelegate(new DeliveryRowDelegate(this));

    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this,
            &DeliveryTableView::onRangeChanged);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &DeliveryTableView::onScrolled);
}

void DeliveryTableView::setModel(QAbstractItemModel *model)
{
    QTableView::setModel(model);
    setSortingEnabled(true);
    const int widths[DeliveryListModel::ColumnCount] = {48,  96,  170, 230, 110, 150,
                                                        140, 220, 70,  60,  110};
    for (int column = 0; column < DeliveryListModel::ColumnCount; ++column)
        setColumnWidth(column, widths[column]);
}

void DeliveryTableView::setFollowing(bool following)
{
    if (following)
        verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    if (following == m_following)
        return;
    m_following = following;
    emit followingChanged(following);
}

void DeliveryTableView::onRangeChanged(int, int maximum)
{
    // Rows were added (or filtered): stay on the newest while following.
    if (m_following)
        verticalScrollBar()->setValue(maximum);
}

void DeliveryTableView::onScrolled(int value)
{
    setFollowing(value >= verticalScrollBar()->maximum());
}

bool DeliveryTableView::viewportEvent(QEvent *event)
{
    if (event->type() != QEvent::ToolTip)
        return QTableView::viewportEvent(event);
    const auto *help = static_cast<QHelpEvent *>(event);
    const QModelIndex index = indexAt(help->pos());
    const QString text = index.isValid() ? index.data(Qt::ToolTipRole).toString() : QString();
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(help->globalPos(), plainToolTip(text), viewport(), visualRect(index));
    return true;
}
