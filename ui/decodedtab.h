#pragma once

#include <QJsonObject>
#include <QWidget>

class DecodedTreeView;
class JsonTreeModel;
class QAction;
class QLabel;
struct Delivery;
struct TokenInspection;

// The Decoded tab: the token (or a JSON body) as a tree, every string of JSON
// expanded, with computed fields above it ("[event age at arrival: 2.1 s]").
// Right-click a field to filter the list on its value or add it as a list column.
class DecodedTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DecodedTab)

public:
    explicit DecodedTab(QWidget *parent = nullptr);

    void showDelivery(const Delivery &delivery, const TokenInspection &inspection);
    void showNothing();

    DecodedTreeView *tree() const { return m_tree; }
    JsonTreeModel *model() const { return m_model; }
    QAction *filterOnValueAction() const { return m_filterOnValue; }
    QAction *addColumnAction() const { return m_addColumn; }
    QString computedText() const;

    // The filter bar term that selects deliveries with this node's value, e.g.
    // `type:wix.contacts.v4.contact_created`; empty when the list has no such field.
    static QString filterTermFor(const QModelIndex &index);
    // "2.1 s", "3 min 12 s", "-0.4 s".
    static QString ageText(qint64 milliseconds);

public slots:
    void filterOnCurrentValue();
    void addCurrentAsColumn();

signals:
    void filterRequested(const QString &term);
    // A list column showing this path's value for every delivery.
    void columnRequested(const QString &path);

private:
    void updateFilterAction(const QModelIndex &index);
    QStringList computedFields(const Delivery &delivery, const TokenInspection &inspection) const;

    QLabel *m_computed;
    JsonTreeModel *m_model;
    DecodedTreeView *m_tree;
    QAction *m_filterOnValue;
    QAction *m_addColumn;
    QJsonObject m_shownTree;
};
