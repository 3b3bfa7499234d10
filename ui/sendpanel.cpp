#include "sendpanel.h"

#include "envelopecomposer.h"
#include "errorcolours.h"
#include "formlabel.h"
#include "jwt/jwtsigner.h"
#include "plainlabel.h"
#include "scenariofile.h"
#include "scenarioform.h"
#include "sendresultsmodel.h"
#include "signingkeybox.h"
#include "store/sessionlocations.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace {
QLabel *errorLabel(const QString &objectName, QWidget *parent)
{
    QLabel *label = selectableLabel(objectName, parent);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, kErrorColour);
    label->setPalette(palette);
    return label;
}

QString summaryLine(const ScenarioSummary &s)
{
    QString text = QStringLiteral("Delivered %1 of %2, failed %3, retries used %4; latency p50 "
                                  "%5 ms, p99 %6 ms (%7 attempts)")
                       .arg(s.delivered)
                       .arg(s.events)
                       .arg(s.failed)
                       .arg(s.retries)
                       .arg(s.p50LatencyMs)
                       .arg(s.p99LatencyMs)
                       .arg(s.attempts);
    if (s.cancelled)
        text += QStringLiteral(" \u2014 cancelled");
    return text;
}
} // namespace

SendPanel::SendPanel(QWidget *parent)
    : QDockWidget(QStringLiteral("Send test webhooks"), parent)
    , m_composer(new EnvelopeComposer)
    , m_form(new ScenarioForm)
    , m_key(new SigningKeyBox(SessionLocations::dataFolder()))
    , m_results(new SendResultsModel(this))
{
    setObjectName(QStringLiteral("sendPanel"));
    QAction *toggle = toggleViewAction();
    toggle->setObjectName(QStringLiteral("sendPanelAction"));
    toggle->setText(QStringLiteral("&Send test webhooks"));
    toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    toggle->setStatusTip(QStringLiteral("Sign test webhooks as Wix does and send them"));

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("sendSplitter"));
    splitter->setChildrenCollapsible(false);
    auto *scroll = new QScrollArea(splitter);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(createComposePart());
    splitter->addWidget(scroll);
    splitter->addWidget(createResultsPart());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    setWidget(splitter);

    connect(m_composer, &EnvelopeComposer::validityChanged, this, &SendPanel::updateState);
    connect(m_target, &QLineEdit::textChanged, this, &SendPanel::updateState);
    connect(m_key, &SigningKeyBox::message, this, &SendPanel::showMessage);
    connect(m_key, &SigningKeyBox::keyChanged, this, &SendPanel::updateState);
    updateState();
}

QWidget *SendPanel::createComposePart()
{
    auto *part = new QWidget;
    m_target = new QLineEdit(part);
    m_target->setObjectName(QStringLiteral("targetEdit"));
    m_target->setPlaceholderText(QStringLiteral("http://127.0.0.1:8787/webhooks/wix"));
    m_targetError = errorLabel(QStringLiteral("targetError"), part);
    m_targetError->hide();
    auto *load = new QPushButton(QStringLiteral("Load\u2026"), part);
    load->setObjectName(QStringLiteral("loadScenarioButton"));
    m_save = new QPushButton(QStringLiteral("Save\u2026"), part);
    m_save->setObjectName(QStringLiteral("saveScenarioButton"));
    connect(load, &QPushButton::clicked, this, &SendPanel::chooseAndLoad);
    connect(m_save, &QPushButton::clicked, this, &SendPanel::chooseAndSave);

    auto *scenario = new QGroupBox(QStringLiteral("Scenario"), part);
    auto *scenarioLayout = new QVBoxLayout(scenario);
    scenarioLayout->addWidget(m_form);
    auto *files = new QHBoxLayout;
    files->addStretch(1);
    files->addWidget(load);
    files->addWidget(m_save);
    scenarioLayout->addLayout(files);

    auto *target = new QFormLayout;
    target->addRow(formLabel(QStringLiteral("Target URL"), m_target), m_target);
    target->addRow(m_targetError);

    m_composer->setParent(part);
    m_composer->setMinimumHeight(260);
    m_key->setParent(part);
    auto *layout = new QVBoxLayout(part);
    layout->addWidget(m_composer, 1);
    layout->addLayout(target);
    layout->addWidget(scenario);
    layout->addWidget(m_key);
    return part;
}

QWidget *SendPanel::createResultsPart()
{
    auto *part = new QWidget;
    m_send = new QPushButton(QStringLiteral("Send"), part);
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setDefault(true);
    m_cancel = new QPushButton(QStringLiteral("Cancel"), part);
    m_cancel->setObjectName(QStringLiteral("cancelSendButton"));
    m_progress = new QProgressBar(part);
    m_progress->setObjectName(QStringLiteral("sendProgress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(QStringLiteral("%v of %m"));
    m_problem = errorLabel(QStringLiteral("sendProblem"), part);
    m_problem->hide();
    m_table = new QTableView(part);
    m_table->setObjectName(QStringLiteral("sendResultsTable"));
    m_table->setModel(m_results);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    const int widths[SendResultsModel::ColumnCount] = {230, 90, 95, 55, 70, 120};
    for (int column = 0; column < SendResultsModel::ColumnCount; ++column)
        m_table->setColumnWidth(column, widths[column]);
    m_summary = selectableLabel(QStringLiteral("sendSummary"), part);
    m_message = selectableLabel(QStringLiteral("sendMessage"), part);
    connect(m_send, &QPushButton::clicked, this, &SendPanel::send);
    connect(m_cancel, &QPushButton::clicked, this, &SendPanel::cancel);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_send);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_progress, 1);
    auto *layout = new QVBoxLayout(part);
    layout->addLayout(buttons);
    layout->addWidget(m_problem);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_summary);
    layout->addWidget(m_message);
    return part;
}

void SendPanel::setDefaultTarget(const QUrl &url)
{
    const QString text = url.isValid() ? url.toString() : QString();
    const bool following = m_target->text().isEmpty() || m_target->text() == m_defaultTarget;
    m_defaultTarget = text;
    if (following)
        m_target->setText(text);
}

void SendPanel::setTarget(const QString &url)
{
    m_target->setText(url);
}

QUrl SendPanel::target() const
{
    const QUrl url(m_target->text().trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return QUrl();
    return url;
}

bool SendPanel::canSend() const
{
    return !isRunning() && m_composer->isValid() && target().isValid();
}

void SendPanel::updateState()
{
    const bool targetOk = target().isValid();
    const QString targetProblem =
        targetOk ? QString()
        : m_target->text().trimmed().isEmpty()
            ? QStringLiteral("No target: this window is not listening; type a URL.")
            : QStringLiteral("Not an http:// or https:// URL.");
    m_targetError->setText(targetProblem);
    m_targetError->setVisible(!targetOk);
    const QString problem = m_composer->isValid() ? QString() : m_composer->errorText();
    m_problem->setText(problem.isEmpty() ? QString() : QStringLiteral("Cannot send: ") + problem);
    m_problem->setVisible(!problem.isEmpty());
    m_send->setEnabled(canSend());
    m_save->setEnabled(m_composer->isValid());
    m_cancel->setEnabled(isRunning());
}

void SendPanel::showMessage(const QString &text)
{
    m_message->setText(text);
}

void SendPanel::send()
{
    if (!canSend())
        return;
    QString error;
    if (!m_key->ensureKey(&error)) {
        showMessage(QStringLiteral("No signing key: %1").arg(error));
        return;
    }
    ScenarioSpec spec;
    spec.target = target();
    spec.envelope = m_composer->envelope();
    m_form->applyTo(spec);
    m_results->clear();
    m_summary->clear();
    m_lastSummary.reset();
    m_runner = new ScenarioRunner(spec, JwtSigner(m_key->key()), this);
    connect(m_runner, &ScenarioRunner::attemptFinished, this, &SendPanel::onAttempt);
    connect(m_runner, &ScenarioRunner::progress, this, &SendPanel::onProgress);
    connect(m_runner, &ScenarioRunner::finished, this, &SendPanel::onFinished);
    onProgress(0, m_runner->plannedSends());
    showMessage(QStringLiteral("Sending %1 to %2").arg(m_form->describe(), spec.target.toString()));
    updateState();
    Q_EMIT started();
    m_runner->start();
}

void SendPanel::cancel()
{
    if (m_runner)
        m_runner->cancel();
}

void SendPanel::onAttempt(const SendAttempt &attempt)
{
    m_results->append(attempt);
    m_table->scrollToBottom();
}

void SendPanel::onProgress(int done, int planned)
{
    m_progress->setRange(0, qMax(1, planned));
    m_progress->setValue(done);
}

void SendPanel::onFinished(const ScenarioSummary &summary)
{
    m_lastSummary = summary;
    m_summary->setText(summaryLine(summary));
    if (!summary.cancelled)
        m_progress->setValue(m_progress->maximum());
    showMessage(summary.cancelled ? QStringLiteral("Cancelled.") : QStringLiteral("Done."));
    if (m_runner) {
        m_runner->deleteLater();
        m_runner = nullptr;
    }
    updateState();
    Q_EMIT finished(summary);
}

QString SendPanel::summaryText() const
{
    return m_summary->text();
}

QJsonObject SendPanel::scenarioJson() const
{
    if (!m_composer->isValid())
        return {};
    return {
        {QStringLiteral("template"), m_composer->templateName()},
        {QStringLiteral("target"), m_target->text().trimmed()},
        {QStringLiteral("envelope"), m_composer->envelope()},
        {QStringLiteral("scenario"), m_form->toJson()},
    };
}

bool SendPanel::saveScenario(const QString &path, QString *error) const
{
    const QJsonObject json = scenarioJson();
    if (json.isEmpty()) {
        if (error)
            *error = QStringLiteral("fix the event's JSON first: ") + m_composer->errorText();
        return false;
    }
    return ScenarioFile::write(path, json, error);
}

bool SendPanel::loadScenario(const QString &path, QString *error)
{
    const std::optional<QJsonObject> json = ScenarioFile::read(path, error);
    if (!json)
        return false;
    const QJsonValue scenario = json->value(QLatin1String("scenario"));
    if (scenario.isObject() && !m_form->fromJson(scenario.toObject(), error))
        return false;
    m_composer->setEnvelope(json->value(QLatin1String("envelope")).toObject(),
                            json->value(QLatin1String("template")).toString());
    const QString target = json->value(QLatin1String("target")).toString();
    if (!target.isEmpty())
        m_target->setText(target);
    updateState();
    return true;
}

void SendPanel::chooseAndSave()
{
    QString path = QFileDialog::getSaveFileName(
        this, QStringLiteral("Save scenario"), SessionLocations::dataFolder(),
        QStringLiteral("Hookscope scenarios (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".json");
    QString error;
    showMessage(saveScenario(path, &error) ? QStringLiteral("Saved %1").arg(path)
                                           : QStringLiteral("Not saved: %1").arg(error));
}

void SendPanel::chooseAndLoad()
{
    const QString path = QFileDialog::getOpenFileName(
        this, QStringLiteral("Load scenario"), SessionLocations::dataFolder(),
        QStringLiteral("Hookscope scenarios (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    showMessage(loadScenario(path, &error) ? QStringLiteral("Loaded %1").arg(path)
                                           : QStringLiteral("Not loaded: %1").arg(error));
}
