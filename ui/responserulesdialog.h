#pragma once

#include "capture/responsepolicy.h"

#include <QDialog>
#include <QPointer>

class QPushButton;
class QTableWidget;
class ResponseRuleDialog;

// Response > Per-path rules: what the capture server answers on given paths
// (status, body, delay), the rest getting the default answer. Changes apply at
// once, to the next request.
class ResponseRulesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResponseRulesDialog)

public:
    enum Column { PathColumn, StatusColumn, DelayColumn, BodyColumn, ColumnCount };

    explicit ResponseRulesDialog(ResponsePolicy *policy, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *editButton() const { return m_edit; }
    QPushButton *removeButton() const { return m_remove; }
    // The open rule editor, if any.
    ResponseRuleDialog *editor() const;

    // Applies a rule (replacing `replacing` when it names another path).
    void setRule(const QString &path, const ResponsePlan &plan,
                 const QString &replacing = QString());
    void removeRule(const QString &path);

public slots:
    void addRule();     // opens the editor for a new rule
    void editCurrent(); // opens the editor for the selected rule
    void removeCurrent();
    void refresh();

signals:
    void changed();

private:
    void openEditor(const QString &path, const ResponsePlan &plan);
    QString currentPath() const;
    void updateButtons();

    ResponsePolicy *m_policy;
    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_remove;
    QPointer<ResponseRuleDialog> m_editor;
};
