#include "export/deliveryselection.h"

#include "models/deliveryrow.h"

QVector<Delivery> selectDeliveries(const SessionStore &store, const DeliveryFilter &filter,
                                   const QSet<qint64> &seqs)
{
    QVector<Delivery> selected;
    qint64 after = 0;
    for (;;) {
        const QVector<Delivery> page = store.loadAfter(after, 1000);
        if (page.isEmpty())
            break;
        for (const Delivery &d : page) {
            if ((seqs.isEmpty() || seqs.contains(d.seq)) &&
                filter.matches(DeliveryRow::fromDelivery(d)))
                selected.append(d);
        }
        after = page.last().seq;
    }
    return selected;
}
