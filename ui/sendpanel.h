#pragma once

#include "send/scenariorunner.h"

#include <QDockWidget>
#include <QPointer>
#include <QUrl>

#include <optional>

class EnvelopeComposer;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class ScenarioForm;
class SendResultsModel;
class SigningKeyBox;

// Tools > Send test webhooks (Ctrl+T): signs events as Wix does and posts them,
// by default to this window's own listener. A template, the envelope, data and
// identity editors, the target, the scenario, Send with a progress bar and
// Cancel, then every attempt in a table and a summary. Scenarios are saved to
// and loaded from JSON files.
class SendPanel final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendPanel)

public:
    // The test key lives in the data folder (SessionLocations::dataFolder()).
    explicit SendPanel(QWidget *parent = nullptr);

    // Follows the listener while the target is the default one (not edited).
    void setDefaultTarget(const QUrl &url);
    QUrl target() const; // invalid when the field does not hold an http(s) URL
    void setTarget(const QString &url);

    bool canSend() const;
    bool isRunning() const { return m_runner != nullptr; }
    QString summaryText() const;
    std::optional<ScenarioSummary> lastSummary() const { return m_lastSummary; }

    QJsonObject scenarioJson() const; // as saved; empty when the editors are invalid
    bool saveScenario(const QString &path, QString *error = nullptr) const;
    bool loadScenario(const QString &path, QString *error = nullptr);

    EnvelopeComposer *composer() const { return m_composer; }
    ScenarioForm *scenarioForm() const { return m_form; }
    SigningKeyBox *keyBox() const { return m_key; }
    SendResultsModel *resultsModel() const { return m_results; }
    QTableView *resultsTable() const { return m_table; }
    QPushButton *sendButton() const { return m_send; }
    QPushButton *cancelButton() const { return m_cancel; }
    QProgressBar *progressBar() const { return m_progress; }

public Q_SLOTS:
    void send();
    void cancel();
    void chooseAndSave();
    void chooseAndLoad();

Q_SIGNALS:
    void started();
    void finished(const ScenarioSummary &summary);

private:
    QWidget *createComposePart();
    QWidget *createResultsPart();
    void onAttempt(const SendAttempt &attempt);
    void onProgress(int done, int planned);
    void onFinished(const ScenarioSummary &summary);
    void updateState();
    void showMessage(const QString &text);

    EnvelopeComposer *m_composer;
    ScenarioForm *m_form;
    SigningKeyBox *m_key;
    SendResultsModel *m_results;
    QLineEdit *m_target = nullptr;
    QLabel *m_targetError = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_send = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_save = nullptr;
    QProgressBar *m_progress = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_message = nullptr;
    QString m_defaultTarget;
    QPointer<ScenarioRunner> m_runner;
    std::optional<ScenarioSummary> m_lastSummary;
};
