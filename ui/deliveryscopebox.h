#pragma once

#include "filter/deliveryfilter.h"

#include <QGroupBox>
#include <QSet>
#include <QVector>

class QRadioButton;

// Which deliveries an export or a replay takes: the whole session, the rows
// selected in the list, or those the filter bar's text matches.
class DeliveryScopeBox final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeliveryScopeBox)

public:
    enum class Scope { Session, Selection, Filter };

    explicit DeliveryScopeBox(QWidget *parent = nullptr);

    // The list's selected seqs; the choice is offered only when there are some.
    void setSelection(const QVector<qint64> &seqs);
    // The filter bar's text; offered only when it is a valid, non-empty filter.
    void setFilterText(const QString &text);
    void setScope(Scope scope); // ignored when that choice is not offered

    Scope scope() const;
    // For selectDeliveries(): empty filter and seqs for the whole session.
    DeliveryFilter filter() const;
    QSet<qint64> seqs() const;
    QString filterText() const { return m_filterText; }
    int selectionSize() const { return int(m_selection.size()); }
    // "the whole session", "3 selected deliveries", "deliveries matching type:x".
    QString description() const;

signals:
    void scopeChanged();

private:
    QRadioButton *m_session;
    QRadioButton *m_selected;
    QRadioButton *m_matching;
    QVector<qint64> m_selection;
    QString m_filterText;
};
