#pragma once

#include <QWidget>

class QLabel;
class QListWidget;
class QListWidgetItem;
struct Delivery;
struct DeliveryAnalysis;

// The selected delivery's analysis for the detail pane: a plain-text summary of
// its flags and one list item per finding (severity, code, message). Items that
// name another delivery navigate to it on click or Enter: deliverySelected(seq).
// No rich text: payload-derived text is never interpreted.
class DeliveryAnalysisPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeliveryAnalysisPanel)

public:
    enum ItemRole { RelatedSeqRole = Qt::UserRole + 1 };

    explicit DeliveryAnalysisPanel(QWidget *parent = nullptr);

    void setDelivery(const Delivery &delivery);
    void setAnalysis(qint64 seq, const DeliveryAnalysis &analysis);
    void clear();

    qint64 seq() const { return m_seq; }
    QString summaryText() const;
    QListWidget *findingsList() const { return m_list; }

Q_SIGNALS:
    void deliverySelected(qint64 seq);

private:
    void addLink(const QString &text, qint64 related);
    void follow(QListWidgetItem *item);

    qint64 m_seq = 0;
    QLabel *m_summary;
    QListWidget *m_list;
};
