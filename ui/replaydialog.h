#pragma once

#include "send/scenariorunner.h"

#include <QDialog>
#include <QPointer>
#include <QUrl>

#include <memory>

class DeliveryScopeBox;
class QDoubleSpinBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTableView;
class QThread;
class ReplayResultsModel;

// Tools > Replay and the list's "Replay selected": sends recorded deliveries to a
// URL (by default the window's own listener) as an idempotency test of a
// receiver: the original tokens byte for byte or re-signed with the test key, in
// the recorded or a shuffled order, with injected duplicates and delays, at a
// rate; the seed is shown and reproduces a run. Deliveries are read and planned
// in the background; the results table fills as the sends finish.
class ReplayDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplayDialog)

public:
    explicit ReplayDialog(QWidget *parent = nullptr);
    ~ReplayDialog() override;

    void setSessionPath(const QString &path);
    QString sessionPath() const { return m_sessionPath; }
    // The default target; the field keeps what the user typed.
    void setDefaultTarget(const QUrl &url);

    DeliveryScopeBox *scopeBox() const { return m_scope; }
    QLineEdit *targetEdit() const { return m_target; }
    QRadioButton *resignButton() const { return m_resigned; }
    QRadioButton *shuffleButton() const { return m_shuffled; }
    QDoubleSpinBox *duplicateRateBox() const { return m_duplicateRate; } // percent
    QSpinBox *maxDelayBox() const { return m_maxDelay; }
    QDoubleSpinBox *rateBox() const { return m_rate; }
    QLineEdit *seedEdit() const { return m_seed; }
    QTableView *resultsView() const { return m_results; }
    ReplayResultsModel *resultsModel() const { return m_model; }
    QProgressBar *progressBar() const { return m_progress; }
    QPushButton *replayButton() const { return m_replay; }
    QPushButton *cancelButton() const { return m_cancel; }

    void setSeed(quint32 seed);
    bool isRunning() const { return m_running; }
    QString summaryText() const;
    const ScenarioSummary &lastSummary() const { return m_summary; }
    // The last run's sends (an injected duplicate is a send of its own).
    int deliveredSends() const { return m_delivered; }
    int failedSends() const { return m_failed; }

public slots:
    // False when the fields do not allow a run (the reason is in summaryText()).
    bool startReplay();
    void cancelReplay();
    void reject() override; // cancels a running replay first

signals:
    void replayFinished(const ScenarioSummary &summary);

private:
    struct Prepared;

    void newSeed();
    void onPrepared(const Prepared &prepared);
    void onProgress(int done, int planned);
    void onFinished(const ScenarioSummary &summary);
    void setRunning(bool running);
    void setSummary(const QString &text);

    DeliveryScopeBox *m_scope;
    QLineEdit *m_target;
    QRadioButton *m_original;
    QRadioButton *m_resigned;
    QRadioButton *m_inOrder;
    QRadioButton *m_shuffled;
    QDoubleSpinBox *m_duplicateRate;
    QSpinBox *m_maxDelay;
    QLineEdit *m_seed;
    QPushButton *m_newSeed;
    QDoubleSpinBox *m_rate;
    ReplayResultsModel *m_model;
    QTableView *m_results;
    QProgressBar *m_progress;
    QLabel *m_summaryLabel;
    QDialogButtonBox *m_buttons;
    QPushButton *m_replay;
    QPushButton *m_cancel;
    QString m_sessionPath;
    QString m_defaultTarget;
    ScenarioSummary m_summary;
    quint32 m_runSeed = 0;
    int m_planned = 0;
    int m_delivered = 0;
    int m_failed = 0;
    bool m_running = false;
    bool m_cancelRequested = false;
    QPointer<QThread> m_thread;
    QPointer<ScenarioRunner> m_runner;
};
