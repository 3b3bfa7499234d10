#pragma once

#include <QStyledItemDelegate>

enum class SignatureStatus;

// The list's Signature column: a coloured status dot before the model's text. The
// model reports the status (DeliveryListModel::SignatureStatusRole); colours live here.
class SignatureDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignatureDelegate)

public:
    explicit SignatureDelegate(QObject *parent = nullptr);

    static QColor statusColor(SignatureStatus status);
    static QIcon statusIcon(SignatureStatus status);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};
