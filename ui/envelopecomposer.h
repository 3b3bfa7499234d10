#pragma once

#include <QJsonObject>
#include <QWidget>

class JsonEditor;
class QComboBox;
class QTabWidget;

// The Send panel's event: a template picker and three JSON editors, one for the
// envelope's own fields (eventType, instanceId, ...), one for its inner "data"
// and one for its "identity" (empty: none, as app-management events have). The
// envelope they make has data and identity as objects; signing stringifies them.
class EnvelopeComposer final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvelopeComposer)

public:
    explicit EnvelopeComposer(QWidget *parent = nullptr);

    bool isValid() const;
    QString errorText() const;    // the first editor's error, named
    QJsonObject envelope() const; // empty unless valid
    // Splits `envelope` over the editors (data and identity given as strings of
    // JSON are opened up); the picker shows `templateName` when it names one.
    void setEnvelope(const QJsonObject &envelope, const QString &templateName = QString());
    QString templateName() const;
    bool selectTemplate(const QString &name); // by name or event type; loads it

    QComboBox *templateCombo() const { return m_templates; }
    JsonEditor *envelopeEditor() const { return m_envelope; }
    JsonEditor *dataEditor() const { return m_data; }
    JsonEditor *identityEditor() const { return m_identity; }

Q_SIGNALS:
    void validityChanged(bool valid);

private:
    void loadTemplate(int index);
    void updateValidity();
    void markTab(int tab, bool valid);

    QComboBox *m_templates;
    QTabWidget *m_tabs;
    JsonEditor *m_envelope;
    JsonEditor *m_data;
    JsonEditor *m_identity;
    bool m_valid = false;
};
