#pragma once

#include <QStyledItemDelegate>

// Paints a JsonTreeModel: values coloured by JSON type, summaries muted, and
// the nodes that were strings of JSON marked in the Type column. The model
// only reports types; the colours live here.
class JsonItemDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonItemDelegate)

public:
    explicit JsonItemDelegate(QObject *parent = nullptr);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};
