#include "decodedtreeview.h"

#include "jsonitemdelegate.h"
#include "models/jsontreemodel.h"
#include "plaintooltip.h"

#include <QAction>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QGuiApplication>
#include <QHeaderView>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QToolTip>

namespace {
constexpr int kMaxExpandedChildren = 50;
} // namespace

DecodedTreeView::DecodedTreeView(QWidget *parent)
    : QTreeView(parent)
    , m_copyValue(new QAction(QStringLiteral("Copy value"), this))
    , m_copyPath(new QAction(QStringLiteral("Copy path"), this))
    , m_expandBelow(new QAction(QStringLiteral("Expand all below"), this))
    , m_collapseAll(new QAction(QStringLiteral("Collapse all"), this))
{
    setUniformRowHeights(true); // keeps a 100,000-item array cheap to scroll
    setAlternatingRowColors(true);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setAllColumnsShowFocus(true);
    setIndentation(16);
    setItemDelegate(new JsonItemDelegate(this));
    header()->setStretchLastSection(false);

    m_copyValue->setObjectName(QStringLiteral("copyValueAction"));
    m_copyValue->setShortcut(QKeySequence::Copy);
    m_copyPath->setObjectName(QStringLiteral("copyPathAction"));
    m_copyPath->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_expandBelow->setObjectName(QStringLiteral("expandBelowAction"));
    m_collapseAll->setObjectName(QStringLiteral("collapseAllAction"));
    for (QAction *action : {m_copyValue, m_copyPath}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
    }
    connect(m_copyValue, &QAction::triggered, this, &DecodedTreeView::copyValue);
    connect(m_copyPath, &QAction::triggered, this, &DecodedTreeView::copyPath);
    connect(m_expandBelow, &QAction::triggered, this, &DecodedTreeView::expandAllBelowCurrent);
    connect(m_collapseAll, &QAction::triggered, this, &QTreeView::collapseAll);
}

void DecodedTreeView::copyValue()
{
    const QModelIndex index = currentIndex();
    if (index.isValid())
        QGuiApplication::clipboard()->setText(index.data(JsonTreeModel::RawValueRole).toString());
}

void DecodedTreeView::copyPath()
{
    const QModelIndex index = currentIndex();
    if (index.isValid())
        QGuiApplication::clipboard()->setText(index.data(JsonTreeModel::PathRole).toString());
}

void DecodedTreeView::expandAllBelowCurrent()
{
    const QModelIndex index = currentIndex().siblingAtColumn(0);
    if (index.isValid())
        expandRecursively(index);
}

void DecodedTreeView::expandBelow(const QModelIndex &index, int levels)
{
    if (!index.isValid() || !model())
        return;
    expand(index);
    if (levels <= 1)
        return;
    const int rows = model()->rowCount(index);
    for (int row = 0; row < rows; ++row) {
        const QModelIndex child = model()->index(row, 0, index);
        const int grandChildren = model()->rowCount(child);
        if (grandChildren > 0 && grandChildren <= kMaxExpandedChildren)
            expandBelow(child, levels - 1);
    }
}

void DecodedTreeView::addContextAction(QAction *action)
{
    m_extraActions.append(action);
}

void DecodedTreeView::updateActions()
{
    const bool hasCurrent = currentIndex().isValid();
    m_expandBelow->setEnabled(hasCurrent && model() && model()->hasChildren(currentIndex()));
    m_collapseAll->setEnabled(model() && model()->rowCount() > 0);
}

void DecodedTreeView::contextMenuEvent(QContextMenuEvent *event)
{
    const QModelIndex index = indexAt(viewport()->mapFromGlobal(event->globalPos()));
    if (index.isValid())
        setCurrentIndex(index);
    updateActions();
    QMenu menu(this);
    menu.addAction(m_copyValue);
    menu.addAction(m_copyPath);
    menu.addSeparator();
    menu.addAction(m_expandBelow);
    menu.addAction(m_collapseAll);
    if (!m_extraActions.isEmpty()) {
        emit contextMenuAboutToShow(index);
        menu.addSeparator();
        menu.addActions(m_extraActions);
    }
    menu.exec(event->globalPos());
}

void DecodedTreeView::keyPressEvent(QKeyEvent *event)
{
    // QAbstractItemView copies the display text on Ctrl+C; the raw value is what is wanted.
    if (event->matches(QKeySequence::Copy)) {
        copyValue();
        event->accept();
        return;
    }
    QTreeView::keyPressEvent(event);
}

bool DecodedTreeView::viewportEvent(QEvent *event)
{
    if (event->type() != QEvent::ToolTip)
        return QTreeView::viewportEvent(event);
    const auto *help = static_cast<QHelpEvent *>(event);
    const QModelIndex index = indexAt(help->pos());
    if (!index.isValid()) {
        QToolTip::hideText();
        return true;
    }
    const QString text = index.column() == JsonTreeModel::ValueColumn
                             ? index.data(JsonTreeModel::RawValueRole).toString()
                             : index.data(JsonTreeModel::PathRole).toString();
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(help->globalPos(), plainToolTip(text), viewport(), visualRect(index));
    return true;
}
