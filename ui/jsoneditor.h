#pragma once

#include <QJsonObject>
#include <QWidget>

#include <functional>

class QLabel;
class QPlainTextEdit;

// A plain-text JSON object editor that validates as you type: invalid JSON is
// marked in place (a tinted background, the offending character underlined) and
// the parser's error, offset, line and column are shown below it in plain text.
// An extra check can refuse a well-formed object (a missing field, say).
class JsonEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonEditor)

public:
    // Returns an error message for an object it refuses, empty when it is fine.
    using ObjectCheck = std::function<QString(const QJsonObject &)>;

    explicit JsonEditor(QWidget *parent = nullptr);

    // An empty editor is valid (the object is absent) when allowed.
    void setAllowEmpty(bool allow);
    void setObjectCheck(ObjectCheck check);
    void setObject(const QJsonObject &object); // pretty-printed
    void setText(const QString &text);
    QString text() const;

    bool isEmpty() const;
    bool isValid() const { return m_error.isEmpty(); }
    QString errorText() const { return m_error; }
    QJsonObject object() const { return m_object; } // empty unless valid
    QPlainTextEdit *textEdit() const { return m_edit; }

Q_SIGNALS:
    void validityChanged(bool valid);
    void edited();

private:
    void validate();
    void mark(int position);

    QPlainTextEdit *m_edit;
    QLabel *m_errorLabel;
    QPalette m_normalPalette;
    ObjectCheck m_check;
    QJsonObject m_object;
    QString m_error;
    bool m_allowEmpty = false;
};
