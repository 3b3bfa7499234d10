#include "scenarioform.h"

#include "formlabel.h"
#include "send/scenariorunner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QJsonValue>
#include <QLabel>
#include <QSpinBox>
#include <QStackedWidget>

namespace {
struct KindName
{
    ScenarioForm::Kind kind;
    const char *key;   // in saved scenarios
    const char *title; // in the combo
};
const KindName kKinds[] = {
    {ScenarioForm::Kind::Once, "once", "Once"},
    {ScenarioForm::Kind::Duplicates, "duplicates", "The same event N times"},
    {ScenarioForm::Kind::Burst, "burst", "Shuffled burst of K events (one entity)"},
    {ScenarioForm::Kind::Lifecycle, "lifecycle", "Entity lifecycle (created, N updates, deleted)"},
};

QSpinBox *spin(const QString &objectName, int minimum, int maximum, int value, QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setObjectName(objectName);
    box->setRange(minimum, maximum);
    box->setValue(value);
    return box;
}

QDoubleSpinBox *doubleSpin(const QString &objectName, double minimum, double maximum, double value,
                           int decimals, QWidget *parent)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setObjectName(objectName);
    box->setDecimals(decimals);
    box->setRange(minimum, maximum);
    box->setValue(value);
    return box;
}

QFormLayout *formOn(QWidget *page)
{
    auto *form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    return form;
}
} // namespace

ScenarioForm::ScenarioForm(QWidget *parent)
    : QWidget(parent)
    , m_kind(new QComboBox(this))
    , m_pages(new QStackedWidget(this))
    , m_duplicates(spin(QStringLiteral("duplicatesSpin"), 2, 1000, 3, this))
    , m_resign(new QComboBox(this))
    , m_burst(spin(QStringLiteral("burstSpin"), 2, 1000, 10, this))
    , m_updates(spin(QStringLiteral("lifecycleUpdatesSpin"), 0, 1000, 2, this))
    , m_lifecycleShuffle(new QCheckBox(QStringLiteral("Shuffled"), this))
    , m_retry(new QCheckBox(QStringLiteral("Retry failures on Wix's schedule"), this))
    , m_timeScale(doubleSpin(QStringLiteral("timeScaleSpin"), 1, 1e7, 1, 0, this))
    , m_rate(doubleSpin(QStringLiteral("rateSpin"), 0, 100000, 0, 1, this))
    , m_concurrency(spin(QStringLiteral("concurrencySpin"), 1, 256, 1, this))
    , m_fresh(new QCheckBox(QStringLiteral("Fresh ids, eventTime and sequence per event"), this))
{
    setObjectName(QStringLiteral("scenarioForm"));
    m_kind->setObjectName(QStringLiteral("scenarioKindCombo"));
    for (const KindName &entry : kKinds)
        m_kind->addItem(QLatin1String(entry.title), int(entry.kind));
    m_resign->setObjectName(QStringLiteral("duplicateTokenCombo"));
    m_resign->addItem(QStringLiteral("same token"), false);
    m_resign->addItem(QStringLiteral("re-signed (a later iat)"), true);
    m_lifecycleShuffle->setObjectName(QStringLiteral("lifecycleShuffleCheck"));
    m_retry->setObjectName(QStringLiteral("retryScheduleCheck"));
    m_retry->setToolTip(QStringLiteral("After a failure (non-2xx, no answer, or slower than "
                                       "1250 ms) retry after 1 min, 10 min, 1 h, 2 h, ... "
                                       "12 times, as Wix does"));
    m_timeScale->setSuffix(QStringLiteral("x faster"));
    m_timeScale->setToolTip(QStringLiteral("Every retry wait is divided by this"));
    m_timeScale->setEnabled(false);
    m_rate->setSuffix(QStringLiteral(" /s"));
    m_rate->setSpecialValueText(QStringLiteral("unlimited"));
    m_fresh->setObjectName(QStringLiteral("freshValuesCheck"));
    m_fresh->setChecked(true);

    auto *form = formOn(this);
    form->addRow(formLabel(QStringLiteral("Scenario"), m_kind), m_kind);
    form->addRow(createPages());
    form->addRow(m_retry);
    form->addRow(formLabel(QStringLiteral("Time scale"), m_timeScale), m_timeScale);
    form->addRow(formLabel(QStringLiteral("Rate"), m_rate), m_rate);
    form->addRow(formLabel(QStringLiteral("Concurrency"), m_concurrency), m_concurrency);
    form->addRow(m_fresh);

    connect(m_kind, &QComboBox::currentIndexChanged, m_pages, &QStackedWidget::setCurrentIndex);
    connect(m_retry, &QCheckBox::toggled, m_timeScale, &QWidget::setEnabled);
    for (QSpinBox *box : {m_duplicates, m_burst, m_updates, m_concurrency})
        connect(box, &QSpinBox::valueChanged, this, &ScenarioForm::changed);
    for (QDoubleSpinBox *box : {m_timeScale, m_rate})
        connect(box, &QDoubleSpinBox::valueChanged, this, &ScenarioForm::changed);
    for (QComboBox *box : {m_kind, m_resign})
        connect(box, &QComboBox::currentIndexChanged, this, &ScenarioForm::changed);
    for (QCheckBox *box : {m_lifecycleShuffle, m_retry, m_fresh})
        connect(box, &QCheckBox::toggled, this, &ScenarioForm::changed);
}

QWidget *ScenarioForm::createPages()
{
    auto *once = new QLabel(QStringLiteral("One event, one delivery."), m_pages);
    once->setTextFormat(Qt::PlainText);
    m_pages->addWidget(once);

    auto *duplicates = new QWidget(m_pages);
    QFormLayout *form = formOn(duplicates);
    form->addRow(formLabel(QStringLiteral("Deliveries (N)"), m_duplicates), m_duplicates);
    form->addRow(formLabel(QStringLiteral("Copies carry"), m_resign), m_resign);
    m_pages->addWidget(duplicates);

    auto *burst = new QWidget(m_pages);
    form = formOn(burst);
    form->addRow(formLabel(QStringLiteral("Events (K)"), m_burst), m_burst);
    m_pages->addWidget(burst);

    auto *lifecycle = new QWidget(m_pages);
    form = formOn(lifecycle);
    form->addRow(formLabel(QStringLiteral("Updates (N)"), m_updates), m_updates);
    form->addRow(m_lifecycleShuffle);
    m_pages->addWidget(lifecycle);
    return m_pages;
}

ScenarioForm::Kind ScenarioForm::kind() const
{
    return Kind(m_kind->currentData().toInt());
}

void ScenarioForm::setKind(Kind kind)
{
    m_kind->setCurrentIndex(m_kind->findData(int(kind)));
}

void ScenarioForm::applyTo(ScenarioSpec &spec) const
{
    spec.count = 1;
    spec.duplicates = 1;
    spec.resign = false;
    spec.shuffle = false;
    spec.lifecycleUpdates = -1;
    switch (kind()) {
    case Kind::Once:
        break;
    case Kind::Duplicates:
        spec.duplicates = m_duplicates->value();
        spec.resign = m_resign->currentData().toBool();
        break;
    case Kind::Burst:
        spec.count = m_burst->value();
        spec.shuffle = true;
        break;
    case Kind::Lifecycle:
        spec.lifecycleUpdates = m_updates->value();
        spec.shuffle = m_lifecycleShuffle->isChecked();
        break;
    }
    spec.retrySchedule = m_retry->isChecked();
    spec.timeScale = m_timeScale->value();
    spec.rate = m_rate->value();
    spec.concurrency = m_concurrency->value();
    spec.freshValues = m_fresh->isChecked();
}

QJsonObject ScenarioForm::toJson() const
{
    QString key;
    for (const KindName &entry : kKinds) {
        if (entry.kind == kind())
            key = QLatin1String(entry.key);
    }
    return {
        {QStringLiteral("kind"), key},
        {QStringLiteral("duplicates"), m_duplicates->value()},
        {QStringLiteral("resign"), m_resign->currentData().toBool()},
        {QStringLiteral("burst"), m_burst->value()},
        {QStringLiteral("lifecycleUpdates"), m_updates->value()},
        {QStringLiteral("lifecycleShuffle"), m_lifecycleShuffle->isChecked()},
        {QStringLiteral("retrySchedule"), m_retry->isChecked()},
        {QStringLiteral("timeScale"), m_timeScale->value()},
        {QStringLiteral("rate"), m_rate->value()},
        {QStringLiteral("concurrency"), m_concurrency->value()},
        {QStringLiteral("freshValues"), m_fresh->isChecked()},
    };
}

bool ScenarioForm::fromJson(const QJsonObject &json, QString *error)
{
    const QString key = json.value(QLatin1String("kind")).toString();
    const KindName *found = nullptr;
    for (const KindName &entry : kKinds) {
        if (key == QLatin1String(entry.key))
            found = &entry;
    }
    if (!found) {
        if (error)
            *error = QStringLiteral("unknown scenario kind \"%1\" (once, duplicates, burst or "
                                    "lifecycle)")
                         .arg(key);
        return false;
    }
    setKind(found->kind);
    // Absent fields keep the form's values; spin boxes clamp what is out of range.
    const auto setInt = [&json](QSpinBox *box, const char *field) {
        const QJsonValue value = json.value(QLatin1String(field));
        if (value.isDouble())
            box->setValue(value.toInt());
    };
    const auto setDouble = [&json](QDoubleSpinBox *box, const char *field) {
        const QJsonValue value = json.value(QLatin1String(field));
        if (value.isDouble())
            box->setValue(value.toDouble());
    };
    const auto setBool = [&json](QCheckBox *box, const char *field) {
        const QJsonValue value = json.value(QLatin1String(field));
        if (value.isBool())
            box->setChecked(value.toBool());
    };
    setInt(m_duplicates, "duplicates");
    setInt(m_burst, "burst");
    setInt(m_updates, "lifecycleUpdates");
    setInt(m_concurrency, "concurrency");
    setDouble(m_timeScale, "timeScale");
    setDouble(m_rate, "rate");
    setBool(m_lifecycleShuffle, "lifecycleShuffle");
    setBool(m_retry, "retrySchedule");
    setBool(m_fresh, "freshValues");
    const QJsonValue resign = json.value(QLatin1String("resign"));
    if (resign.isBool())
        m_resign->setCurrentIndex(m_resign->findData(resign.toBool()));
    return true;
}

QString ScenarioForm::describe() const
{
    QString text;
    switch (kind()) {
    case Kind::Once:
        text = QStringLiteral("one event");
        break;
    case Kind::Duplicates:
        text = QStringLiteral("one event %1 times, %2")
                   .arg(m_duplicates->value())
                   .arg(m_resign->currentText());
        break;
    case Kind::Burst:
        text = QStringLiteral("%1 events for one entity, shuffled").arg(m_burst->value());
        break;
    case Kind::Lifecycle:
        text = QStringLiteral("created, %1 updates, deleted%2")
                   .arg(m_updates->value())
                   .arg(m_lifecycleShuffle->isChecked() ? QStringLiteral(", shuffled") : QString());
        break;
    }
    if (m_retry->isChecked())
        text += QStringLiteral("; Wix's retry schedule, %1x faster").arg(m_timeScale->value());
    return text;
}
