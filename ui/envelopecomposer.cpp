#include "envelopecomposer.h"

#include "formlabel.h"
#include "jsoneditor.h"
#include "send/eventtemplates.h"

#include <QComboBox>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QVBoxLayout>

namespace {
const QString kData = QStringLiteral("data");
const QString kIdentity = QStringLiteral("identity");

QString checkEnvelope(const QJsonObject &envelope)
{
    if (!envelope.value(QLatin1String("eventType")).isString() ||
        envelope.value(QLatin1String("eventType")).toString().isEmpty())
        return QStringLiteral("The envelope needs an \"eventType\" string.");
    if (envelope.contains(QLatin1String("instanceId")) &&
        !envelope.value(QLatin1String("instanceId")).isString())
        return QStringLiteral("\"instanceId\" must be a string.");
    if (envelope.contains(kData) || envelope.contains(kIdentity))
        return QStringLiteral("Edit \"data\" and \"identity\" in their own tabs.");
    return QString();
}

// A string of JSON holding an object, opened up; anything else as it is.
QJsonValue openedUp(const QJsonValue &value)
{
    if (!value.isString())
        return value;
    const QJsonDocument document = QJsonDocument::fromJson(value.toString().toUtf8());
    return document.isObject() ? QJsonValue(document.object()) : value;
}
} // namespace

EnvelopeComposer::EnvelopeComposer(QWidget *parent)
    : QWidget(parent)
    , m_templates(new QComboBox(this))
    , m_tabs(new QTabWidget(this))
    , m_envelope(new JsonEditor(this))
    , m_data(new JsonEditor(this))
    , m_identity(new JsonEditor(this))
{
    setObjectName(QStringLiteral("envelopeComposer"));
    m_templates->setObjectName(QStringLiteral("templateCombo"));
    for (const EventTemplate &t : EventTemplates::all())
        m_templates->addItem(QStringLiteral("%1 (%2)").arg(t.name, t.shape), t.name);
    m_envelope->setObjectName(QStringLiteral("envelopeEditor"));
    m_envelope->setObjectCheck(checkEnvelope);
    m_data->setObjectName(QStringLiteral("dataEditor"));
    m_identity->setObjectName(QStringLiteral("identityEditor"));
    m_identity->setAllowEmpty(true);
    m_identity->textEdit()->setPlaceholderText(
        QStringLiteral("No identity (as app-management events). Example: "
                       "{\"identityType\": \"MEMBER\", \"memberId\": \"...\"}"));
    m_tabs->setObjectName(QStringLiteral("envelopeTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_envelope, QStringLiteral("Envelope"));
    m_tabs->addTab(m_data, QStringLiteral("Data"));
    m_tabs->addTab(m_identity, QStringLiteral("Identity"));

    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(formLabel(QStringLiteral("Template"), m_templates), m_templates);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_tabs, 1);

    connect(m_templates, &QComboBox::activated, this, &EnvelopeComposer::loadTemplate);
    for (JsonEditor *editor : {m_envelope, m_data, m_identity})
        connect(editor, &JsonEditor::validityChanged, this, &EnvelopeComposer::updateValidity);
    const int preferred = m_templates->findData(QStringLiteral("contact_created"));
    m_templates->setCurrentIndex(qMax(0, preferred));
    loadTemplate(m_templates->currentIndex());
}

void EnvelopeComposer::loadTemplate(int index)
{
    const std::optional<EventTemplate> chosen =
        EventTemplates::find(m_templates->itemData(index).toString());
    if (chosen)
        setEnvelope(chosen->envelope);
}

bool EnvelopeComposer::selectTemplate(const QString &name)
{
    const std::optional<EventTemplate> chosen = EventTemplates::find(name);
    if (!chosen)
        return false;
    setEnvelope(chosen->envelope, chosen->name);
    return true;
}

QString EnvelopeComposer::templateName() const
{
    return m_templates->currentData().toString();
}

void EnvelopeComposer::setEnvelope(const QJsonObject &envelope, const QString &templateName)
{
    const int named = templateName.isEmpty() ? -1 : m_templates->findData(templateName);
    if (named >= 0)
        m_templates->setCurrentIndex(named);
    QJsonObject rest = envelope;
    const QJsonValue data = openedUp(rest.take(kData));
    const QJsonValue identity = openedUp(rest.take(kIdentity));
    // What cannot be edited as an object stays in the envelope, and is pointed out there.
    if (!data.isObject() && !data.isUndefined())
        rest.insert(kData, data);
    if (!identity.isObject() && !identity.isUndefined() && !identity.isNull())
        rest.insert(kIdentity, identity);
    m_envelope->setObject(rest);
    m_data->setObject(data.toObject());
    m_identity->setObject(identity.toObject());
    updateValidity();
}

bool EnvelopeComposer::isValid() const
{
    return m_envelope->isValid() && m_data->isValid() && m_identity->isValid();
}

QString EnvelopeComposer::errorText() const
{
    for (int tab = 0; tab < m_tabs->count(); ++tab) {
        const auto *editor = static_cast<const JsonEditor *>(m_tabs->widget(tab));
        if (!editor->isValid())
            return m_tabs->tabText(tab).remove(QLatin1Char('!')).trimmed() + QStringLiteral(": ") +
                   editor->errorText();
    }
    return QString();
}

QJsonObject EnvelopeComposer::envelope() const
{
    if (!isValid())
        return {};
    QJsonObject envelope = m_envelope->object();
    envelope.insert(kData, m_data->object());
    if (!m_identity->isEmpty())
        envelope.insert(kIdentity, m_identity->object());
    return envelope;
}

void EnvelopeComposer::markTab(int tab, bool valid)
{
    static const char *const titles[] = {"Envelope", "Data", "Identity"};
    const QString title = QLatin1String(titles[tab]);
    m_tabs->setTabText(tab, valid ? title : title + QStringLiteral(" !"));
}

void EnvelopeComposer::updateValidity()
{
    markTab(0, m_envelope->isValid());
    markTab(1, m_data->isValid());
    markTab(2, m_identity->isValid());
    const bool valid = isValid();
    if (valid == m_valid)
        return;
    m_valid = valid;
    Q_EMIT validityChanged(valid);
}
