#pragma once

#include <QStyledItemDelegate>

// The delivery list's row colouring: the row background from the analysis flags
// (DeliveryListModel::FlagsRole; rules in AnalysisFlagStyle) on every column. Install
// it for the whole view; it also draws the signature dot in the signature column,
// as SignatureDelegate does, so that column keeps its dot and gets the colour.
class DeliveryRowDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeliveryRowDelegate)

public:
    explicit DeliveryRowDelegate(QObject *parent = nullptr);

    // -1: no dot. Defaults to DeliveryListModel::SignatureColumn.
    void setSignatureColumn(int column) { m_signatureColumn = column; }
    int signatureColumn() const { return m_signatureColumn; }

    // For other delegates in the same view: colour `option` as this delegate does.
    static void applyRowColours(QStyleOptionViewItem *option, const QModelIndex &index);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    int m_signatureColumn;
};
