#pragma once

#include <QTreeView>

class QAction;

// The decoded token as a tree (over a JsonTreeModel), with "Copy value" and
// "Copy path" on the context menu and as shortcuts, and any actions its owner adds.
class DecodedTreeView final : public QTreeView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DecodedTreeView)

public:
    explicit DecodedTreeView(QWidget *parent = nullptr);

    QAction *copyValueAction() const { return m_copyValue; }
    QAction *copyPathAction() const { return m_copyPath; }

    // Expands `index` and, below it, objects and short arrays down to `levels` levels,
    // leaving long arrays folded.
    void expandBelow(const QModelIndex &index, int levels);
    // How deep a token's payload opens when it is shown (the validator, a delivery's tab).
    static constexpr int kPayloadLevelsExpanded = 5;
    // Adds an owner's action to the context menu, after the view's own; the owner
    // updates it on contextMenuAboutToShow.
    void addContextAction(QAction *action);

signals:
    void contextMenuAboutToShow(const QModelIndex &index);

public slots:
    void copyValue();
    void copyPath();
    void expandAllBelowCurrent();

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void updateActions();

    QAction *m_copyValue;
    QAction *m_copyPath;
    QAction *m_expandBelow;
    QAction *m_collapseAll;
    QList<QAction *> m_extraActions;
};
