#pragma once

#include <QMenu>

class ResponsePolicy;

// The Response menu: how the capture server answers, to watch Wix retry. Presets:
// answer normally (200 at once), fail the next N with 500, answer after 1300 ms
// (past Wix's 1250 ms timeout).
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
    // What differs from a normal answer, e.g. "Answering after 1300 ms"; empty when normal.
    QString summary() const;

public slots:
    void answerNormally();
    void answerLate();
    void failNext(int count);
    void askFailNext();

signals:
    void changed();

private:
    void refresh();

    ResponsePolicy *m_policy;
    QAction *m_normal;
    QAction *m_failNext;
    QAction *m_late;
};
