#pragma once

#include <QMenu>
#include <QPointer>

class ResponsePolicy;
class ResponseRulesDialog;

// The Response menu: how the capture server answers, to watch Wix retry. Presets:
// answer normally (200 at once), fail the next N with 500, answer after 1300 ms
// (past Wix's 1250 ms timeout); and per-path rules (status, body, delay).
class ResponseMenu final : public QMenu
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResponseMenu)

public:
    static constexpr int kFailureStatus = 500;

    explicit ResponseMenu(ResponsePolicy *policy, QWidget *parent = nullptr);

    QAction *answerNormallyAction() const { return m_normal; }
    QAction *failNextAction() const { return m_failNext; }
    QAction *answerLateAction() const { return m_late; }
    QAction *pathRulesAction() const { return m_pathRules; }
    // Null until the per-path rules were first opened.
    ResponseRulesDialog *rulesDialog() const;
    // What differs from a normal answer, e.g. "Answering after 1300 ms"; empty when normal.
    QString summary() const;

public slots:
    void answerNormally();
    void answerLate();
    void failNext(int count);
    void askFailNext();
    void openPathRules();

signals:
    void changed();

private:
    void refresh();

    ResponsePolicy *m_policy;
    QAction *m_normal;
    QAction *m_failNext;
    QAction *m_late;
    QAction *m_pathRules;
    QPointer<ResponseRulesDialog> m_rulesDialog;
};
