#pragma once

#include "capture/responsepolicy.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

// One per-path answer rule: the path (as requested, without the query), the
// status, the body and the delay the capture server answers it with.
class ResponseRuleDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResponseRuleDialog)

public:
    explicit ResponseRuleDialog(QWidget *parent = nullptr);

    void setRule(const QString &path, const ResponsePlan &plan);
    QString path() const;
    ResponsePlan plan() const;

    QLineEdit *pathEdit() const { return m_path; }
    QSpinBox *statusBox() const { return m_status; }
    QSpinBox *delayBox() const { return m_delay; }
    QPlainTextEdit *bodyEdit() const { return m_body; }

private:
    void validate();

    QLineEdit *m_path;
    QSpinBox *m_status;
    QSpinBox *m_delay;
    QPlainTextEdit *m_body;
    QLabel *m_hint;
    QDialogButtonBox *m_buttons;
};
