#include "deliveryscopebox.h"

#include <QButtonGroup>
#include <QRadioButton>
#include <QVBoxLayout>

DeliveryScopeBox::DeliveryScopeBox(QWidget *parent)
    : QGroupBox(QStringLiteral("Deliveries"), parent)
    , m_session(new QRadioButton(QStringLiteral("The &whole session"), this))
    , m_selected(new QRadioButton(this))
    , m_matching(new QRadioButton(this))
{
    m_session->setObjectName(QStringLiteral("scopeSession"));
    m_selected->setObjectName(QStringLiteral("scopeSelection"));
    m_matching->setObjectName(QStringLiteral("scopeFilter"));
    auto *group = new QButtonGroup(this);
    auto *layout = new QVBoxLayout(this);
    for (QRadioButton *button : {m_session, m_selected, m_matching}) {
        group->addButton(button);
        layout->addWidget(button);
        connect(button, &QRadioButton::toggled, this, [this](bool on) {
            if (on)
                emit scopeChanged();
        });
    }
    m_session->setChecked(true);
    setSelection({});
    setFilterText(QString());
}

void DeliveryScopeBox::setSelection(const QVector<qint64> &seqs)
{
    m_selection = seqs;
    m_selected->setText(seqs.size() == 1
                            ? QStringLiteral("The &selected delivery (#%1)").arg(seqs.first())
                            : QStringLiteral("The &selected deliveries (%1)").arg(seqs.size()));
    m_selected->setEnabled(!seqs.isEmpty());
    if (seqs.isEmpty() && m_selected->isChecked())
        m_session->setChecked(true);
}

void DeliveryScopeBox::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    const DeliveryFilter parsed = DeliveryFilter::parse(trimmed);
    const bool usable = !trimmed.isEmpty() && parsed.isValid();
    m_filterText = usable ? trimmed : QString();
    // A filter comes from the user, but may quote a payload's value: never rich text.
    m_matching->setText(
        usable ? QStringLiteral("Those matching the &filter: %1")
                     .arg(trimmed.left(80).replace(QLatin1Char('&'), QStringLiteral("&&")))
        : trimmed.isEmpty() ? QStringLiteral("Those matching the &filter (the filter bar is empty)")
                            : QStringLiteral("Those matching the &filter (the filter has errors)"));
    m_matching->setEnabled(usable);
    if (!usable && m_matching->isChecked())
        m_session->setChecked(true);
}

void DeliveryScopeBox::setScope(Scope scope)
{
    QRadioButton *button = scope == Scope::Selection ? m_selected
                           : scope == Scope::Filter  ? m_matching
                                                     : m_session;
    if (button->isEnabled())
        button->setChecked(true);
}

DeliveryScopeBox::Scope DeliveryScopeBox::scope() const
{
    if (m_selected->isChecked())
        return Scope::Selection;
    if (m_matching->isChecked())
        return Scope::Filter;
    return Scope::Session;
}

DeliveryFilter DeliveryScopeBox::filter() const
{
    return scope() == Scope::Filter ? DeliveryFilter::parse(m_filterText) : DeliveryFilter();
}

QSet<qint64> DeliveryScopeBox::seqs() const
{
    if (scope() != Scope::Selection)
        return {};
    return QSet<qint64>(m_selection.cbegin(), m_selection.cend());
}

QString DeliveryScopeBox::description() const
{
    switch (scope()) {
    case Scope::Selection:
        return m_selection.size() == 1
                   ? QStringLiteral("delivery #%1").arg(m_selection.first())
                   : QStringLiteral("%1 selected deliveries").arg(m_selection.size());
    case Scope::Filter:
        return QStringLiteral("the deliveries matching %1").arg(m_filterText);
    case Scope::Session:
        break;
    }
    return QStringLiteral("the whole session");
}
