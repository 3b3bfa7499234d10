#pragma once

#include <QString>

#include <vector>

class DeliveryListModel;
struct PackedDeliveryRow;

// The order of the delivery list by one of its own columns, as its SortRole gives it
// (numbers as numbers, texts without regard to case), made fast for a million rows:
// keys() ranks every row at once (each distinct text is compared once, not per row),
// less() places a single new row. Equal rows keep their row order.
class DeliveryColumnOrder
{
public:
    DeliveryColumnOrder(const DeliveryListModel &model, int column);

    // One key per row of the model: rows sorted by key, ties in row order, are in order.
    std::vector<quint64> keys() const;
    bool less(int left, int right) const;

private:
    enum class Kind { Seq, Size, Answer, Text, Request, Derived };

    QString textOf(const PackedDeliveryRow &row) const;
    quint32 textId(const PackedDeliveryRow &row) const;
    std::vector<quint64> derivedKeys() const;
    std::vector<quint64> textKeys() const;

    const DeliveryListModel &m_model;
    int m_column;
    Kind m_kind;
};
