#include "decodedtab.h"

#include "capture/delivery.h"
#include "decodedtreeview.h"
#include "filterlineedit.h"
#include "models/deliverylistmodel.h"
#include "models/deliveryrow.h"
#include "models/jsontreemodel.h"
#include "wix/deliverytree.h"
#include "wix/tokeninspection.h"

#include <QAction>
#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QVBoxLayout>

#include <cmath>

namespace {

// Tree keys that the filter language has a field for; identity ids only inside
// the envelope's identity (an entity's source has an appId too).
QString filterFieldFor(const QString &key, const QString &path)
{
    static const QHash<QString, QString> fields = {
        {QStringLiteral("eventType"), QStringLiteral("type")},
        {QStringLiteral("instanceId"), QStringLiteral("instance")},
        {QStringLiteral("entityFqdn"), QStringLiteral("entity")},
        {QStringLiteral("entityId"), QStringLiteral("entity")},
    };
    static const QStringList identityKeys = {
        QStringLiteral("identityType"), QStringLiteral("memberId"), QStringLiteral("wixUserId"),
        QStringLiteral("anonymousVisitorId"), QStringLiteral("appId")};
    if (identityKeys.contains(key))
        return path.endsWith(QStringLiteral("identity.") + key) ? QStringLiteral("identity")
                                                                : QString();
    return fields.value(key);
}
} // namespace

DecodedTab::DecodedTab(QWidget *parent)
    : QWidget(parent)
    , m_computed(new QLabel(this))
    , m_model(new JsonTreeModel(this))
    , m_tree(new DecodedTreeView(this))
    , m_filterOnValue(new QAction(QStringLiteral("Filter on this value"), this))
    , m_addColumn(new QAction(QStringLiteral("Add as list column"), this))
{
    m_computed->setObjectName(QStringLiteral("computedFields"));
    m_computed->setTextFormat(Qt::PlainText);
    m_computed->setWordWrap(true);
    m_computed->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_tree->setObjectName(QStringLiteral("deliveryTree"));
    m_tree->setModel(m_model);
    QHeaderView *header = m_tree->header();
    header->setSectionResizeMode(JsonTreeModel::ValueColumn, QHeaderView::Stretch);
    header->resizeSection(JsonTreeModel::KeyColumn, 220);
    header->resizeSection(
        JsonTreeModel::TypeColumn,
        fontMetrics().horizontalAdvance(QStringLiteral("object (string of JSON)")) + 16);

    m_filterOnValue->setObjectName(QStringLiteral("filterOnValueAction"));
    m_tree->addContextAction(m_filterOnValue);
    connect(m_tree, &DecodedTreeView::contextMenuAboutToShow, this,
            &DecodedTab::updateFilterAction);
    connect(m_filterOnValue, &QAction::triggered, this, &DecodedTab::filterOnCurrentValue);
    m_addColumn->setObjectName(QStringLiteral("addColumnAction"));
    m_tree->addContextAction(m_addColumn);
    connect(m_addColumn, &QAction::triggered, this, &DecodedTab::addCurrentAsColumn);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);
    layout->addWidget(m_computed);
    layout->addWidget(m_tree, 1);
    showNothing();
}

QString DecodedTab::computedText() const
{
    return m_computed->text();
}

void DecodedTab::showNothing()
{
    m_computed->setText(QString());
    m_computed->hide();
    m_model->clear();
    m_shownTree = QJsonObject();
}

QString DecodedTab::ageText(qint64 ms)
{
    const QString sign = ms < 0 ? QStringLiteral("-") : QString();
    const qint64 magnitude = std::llabs(ms);
    if (magnitude < 60 * 1000)
        return sign + QString::number(double(magnitude) / 1000.0, 'f', 1) + QStringLiteral(" s");
    const qint64 seconds = magnitude / 1000;
    if (seconds < 3600)
        return sign + QStringLiteral("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    if (seconds < 48 * 3600)
        return sign + QStringLiteral("%1 h %2 min").arg(seconds / 3600).arg(seconds % 3600 / 60);
    return sign + QStringLiteral("%1 days").arg(seconds / 86400);
}

QStringList DecodedTab::computedFields(const Delivery &d, const TokenInspection &inspection) const
{
    QStringList fields;
    fields << QStringLiteral("[arrival: %1]")
                  .arg(QDateTime::fromMSecsSinceEpoch(d.arrivalMs, Qt::UTC)
                           .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz 'UTC'")));
    fields << QStringLiteral("[signature: %1]")
                  .arg(DeliveryListModel::signatureText(DeliveryRow::fromDelivery(d)));
    const WixEvent &event = inspection.decoding.event;
    if (event.eventTimestamp.valid) {
        fields << QStringLiteral("[event age at arrival: %1]")
                      .arg(ageText(d.arrivalMs - event.eventTimestamp.toMSecsSinceEpoch()));
    }
    const QJsonValue iat = inspection.parsed.jws.payload().value(QLatin1String("iat"));
    if (iat.isDouble() && std::isfinite(iat.toDouble()) && std::fabs(iat.toDouble()) < 1e13) {
        const auto iatMs = static_cast<qint64>(std::floor(iat.toDouble() * 1000.0));
        fields << QStringLiteral("[iat age at arrival: %1]").arg(ageText(d.arrivalMs - iatMs));
    }
    if (event.kind == WixEventKind::Updated && !event.modifiedFields.isEmpty())
        fields << QStringLiteral("[modified: %1]")
                      .arg(event.modifiedFields.join(QStringLiteral(", ")));
    return fields;
}

void DecodedTab::showDelivery(const Delivery &delivery, const TokenInspection &inspection)
{
    m_computed->setText(computedFields(delivery, inspection).join(QStringLiteral("   ")));
    m_computed->show();

    QSet<QString> stringifiedPaths;
    const QJsonObject tree = deliveryTree(delivery, inspection, &stringifiedPaths);
    if (tree.isEmpty()) {
        m_model->clear();
        m_shownTree = QJsonObject();
        return;
    }
    if (tree == m_shownTree)
        return; // the same payload again (a retry): keep the reader's place
    m_shownTree = tree;
    m_model->setJson(tree, stringifiedPaths);
    m_tree->expandBelow(m_model->indexForPath(QStringLiteral("header")), 1);
    m_tree->expandBelow(m_model->indexForPath(QStringLiteral("payload")),
                        DecodedTreeView::kPayloadLevelsExpanded);
    m_tree->expandBelow(m_model->indexForPath(QStringLiteral("body")),
                        DecodedTreeView::kPayloadLevelsExpanded);
}

QString DecodedTab::filterTermFor(const QModelIndex &index)
{
    if (!index.isValid())
        return QString();
    const QString type = index.data(JsonTreeModel::JsonTypeRole).toString();
    if (type == QLatin1String("object") || type == QLatin1String("array") ||
        type == QLatin1String("null"))
        return QString();
    const QString field =
        filterFieldFor(index.siblingAtColumn(JsonTreeModel::KeyColumn).data().toString(),
                       index.data(JsonTreeModel::PathRole).toString());
    if (field.isEmpty())
        return QString();
    return FilterLineEdit::term(field, index.data(JsonTreeModel::RawValueRole).toString());
}

void DecodedTab::updateFilterAction(const QModelIndex &index)
{
    const QString path =
        index.isValid() ? index.data(JsonTreeModel::PathRole).toString() : QString();
    m_addColumn->setEnabled(!path.isEmpty());
    m_addColumn->setText(
        path.isEmpty() ? QStringLiteral("Add as list column")
                       : QStringLiteral("Add as list column (%1)")
                             .arg(path.left(60).replace(QLatin1Char('&'), QStringLiteral("&&"))));

    const QString term = filterTermFor(index);
    m_filterOnValue->setEnabled(!term.isEmpty());
    m_filterOnValue->setText(
        term.isEmpty() ? QStringLiteral("Filter on this value (the list has no such field)")
                       : QStringLiteral("Filter on this value (%1)")
                             .arg(term.left(60).replace(QLatin1Char('&'), QStringLiteral("&&"))));
}

void DecodedTab::addCurrentAsColumn()
{
    const QModelIndex index = m_tree->currentIndex();
    const QString path =
        index.isValid() ? index.data(JsonTreeModel::PathRole).toString() : QString();
    if (!path.isEmpty())
        emit columnRequested(path);
}

void DecodedTab::filterOnCurrentValue()
{
    const QString term = filterTermFor(m_tree->currentIndex());
    if (!term.isEmpty())
        emit filterRequested(term);
}
