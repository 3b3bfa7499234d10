#pragma once

#include <QDialog>

class DeliveryDiffModel;
class QLabel;
class QTableView;
struct Delivery;

// Compare two deliveries: a field-level diff of their decoded trees (every string
// of JSON expanded, the JWT's iat, exp, nbf and signature ignored), as a table of
// op, path, left and right, all plain text.
class CompareDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompareDialog)

public:
    explicit CompareDialog(QWidget *parent = nullptr);

    void setDeliveries(const Delivery &left, const Delivery &right);
    void setBodies(qint64 leftSeq, const QByteArray &leftBody, qint64 rightSeq,
                   const QByteArray &rightBody);

    int changeCount() const;
    QString summaryText() const;
    QString diffText() const; // "~ path: left -> right" lines, as `hookscope diff` prints
    DeliveryDiffModel *diffModel() const { return m_model; }

private:
    void copyAsText();

    DeliveryDiffModel *m_model;
    QTableView *m_table;
    QLabel *m_summary;
};
