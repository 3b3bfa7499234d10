#include "replaydialog.h"

#include "backgroundtask.h"
#include "deliveryscopebox.h"
#include "export/deliveryselection.h"
#include "replayresultsmodel.h"
#include "send/replayplan.h"
#include "send/testkeystore.h"
#include "store/sessionlocations.h"
#include "store/sessionstore.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QRandomGenerator>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

struct ReplayDialog::Prepared
{
    ScenarioPlan plan;
    QVector<qint64> seqs; // the recorded delivery of each planned event
    QString error;
};

namespace {
QHBoxLayout *pair(QWidget *a, QWidget *b)
{
    auto *row = new QHBoxLayout;
    row->addWidget(a);
    row->addWidget(b);
    row->addStretch(1);
    return row;
}
} // namespace

ReplayDialog::ReplayDialog(QWidget *parent)
    : QDialog(parent)
    , m_scope(new DeliveryScopeBox(this))
    , m_target(new QLineEdit(this))
    , m_original(new QRadioButton(QStringLiteral("&Original tokens, byte for byte"), this))
    , m_resigned(new QRadioButton(QStringLiteral("Re-&signed with the test key"), this))
    , m_inOrder(new QRadioButton(QStringLiteral("Recorded &order"), this))
    , m_shuffled(new QRadioButton(QStringLiteral("S&huffled"), this))
    , m_duplicateRate(new QDoubleSpinBox(this))
    , m_maxDelay(new QSpinBox(this))
    , m_seed(new QLineEdit(this))
    , m_newSeed(new QPushButton(QStringLiteral("&New seed"), this))
    , m_rate(new QDoubleSpinBox(this))
    , m_model(new ReplayResultsModel(this))
    , m_results(new QTableView(this))
    , m_progress(new QProgressBar(this))
    , m_summaryLabel(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
    , m_replay(m_buttons->addButton(QStringLiteral("&Replay"), QDialogButtonBox::ActionRole))
    , m_cancel(m_buttons->addButton(QStringLiteral("&Cancel replay"), QDialogButtonBox::ActionRole))
{
    setWindowTitle(QStringLiteral("Replay deliveries"));
    setObjectName(QStringLiteral("replayDialog"));
    m_target->setObjectName(QStringLiteral("replayTarget"));
    m_target->setPlaceholderText(QStringLiteral("http://127.0.0.1:3000/webhooks"));
    m_original->setObjectName(QStringLiteral("replayOriginal"));
    m_resigned->setObjectName(QStringLiteral("replayResigned"));
    m_inOrder->setObjectName(QStringLiteral("replayInOrder"));
    m_shuffled->setObjectName(QStringLiteral("replayShuffled"));
    auto *tokens = new QButtonGroup(this);
    tokens->addButton(m_original);
    tokens->addButton(m_resigned);
    m_original->setChecked(true);
    auto *order = new QButtonGroup(this);
    order->addButton(m_inOrder);
    order->addButton(m_shuffled);
    m_inOrder->setChecked(true);

    m_duplicateRate->setObjectName(QStringLiteral("replayDuplicateRate"));
    m_duplicateRate->setRange(0, 100);
    m_duplicateRate->setDecimals(0);
    m_duplicateRate->setSuffix(QStringLiteral(" %"));
    m_duplicateRate->setToolTip(
        QStringLiteral("The chance that a delivery is sent a second time, later"));
    m_maxDelay->setObjectName(QStringLiteral("replayMaxDelay"));
    m_maxDelay->setRange(0, 600000);
    m_maxDelay->setSingleStep(100);
    m_maxDelay->setSuffix(QStringLiteral(" ms"));
    m_maxDelay->setToolTip(QStringLiteral("A random pause of up to this before each send"));
    m_seed->setObjectName(QStringLiteral("replaySeed"));
    m_seed->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{1,10}")), this));
    m_seed->setToolTip(QStringLiteral("The same seed and options replay the same run"));
    m_newSeed->setObjectName(QStringLiteral("replayNewSeed"));
    m_rate->setObjectName(QStringLiteral("replayRate"));
    m_rate->setRange(0, 10000);
    m_rate->setDecimals(1);
    m_rate->setSuffix(QStringLiteral(" per second"));
    m_rate->setSpecialValueText(QStringLiteral("no limit"));

    m_results->setObjectName(QStringLiteral("replayResults"));
    m_results->setModel(m_model);
    m_results->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->verticalHeader()->hide();
    m_results->horizontalHeader()->setStretchLastSection(true);
    m_results->horizontalHeader()->resizeSection(ReplayResultsModel::DeliveryColumn, 300);
    m_progress->setObjectName(QStringLiteral("replayProgress"));
    m_progress->setVisible(false);
    m_summaryLabel->setObjectName(QStringLiteral("replaySummary"));
    m_summaryLabel->setTextFormat(Qt::PlainText);
    m_summaryLabel->setWordWrap(true);
    m_summaryLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_replay->setObjectName(QStringLiteral("replayButton"));
    m_replay->setDefault(true);
    m_cancel->setObjectName(QStringLiteral("cancelReplayButton"));
    m_cancel->setEnabled(false);

    auto *form = new QFormLayout;
    form->addRow(QStringLiteral("&Target URL:"), m_target);
    form->addRow(QStringLiteral("Tokens:"), pair(m_original, m_resigned));
    form->addRow(QStringLiteral("Order:"), pair(m_inOrder, m_shuffled));
    form->addRow(QStringLiteral("&Duplicates:"), m_duplicateRate);
    form->addRow(QStringLiteral("&Max delay:"), m_maxDelay);
    form->addRow(QStringLiteral("S&eed:"), pair(m_seed, m_newSeed));
    form->addRow(QStringLiteral("R&ate:"), m_rate);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_scope);
    layout->addWidget(m_results, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_summaryLabel);
    layout->addWidget(m_buttons);

    connect(m_newSeed, &QPushButton::clicked, this, &ReplayDialog::newSeed);
    connect(m_replay, &QPushButton::clicked, this, &ReplayDialog::startReplay);
    connect(m_cancel, &QPushButton::clicked, this, &ReplayDialog::cancelReplay);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ReplayDialog::reject);
    newSeed();
    resize(760, 620);
}

ReplayDialog::~ReplayDialog()
{
    m_cancelRequested = true;
    if (m_runner)
        m_runner->cancel();
    waitForBackground(m_thread);
}

void ReplayDialog::setSessionPath(const QString &path)
{
    m_sessionPath = path;
}

void ReplayDialog::setDefaultTarget(const QUrl &url)
{
    const QString text = url.toString();
    if (m_target->text().isEmpty() || m_target->text() == m_defaultTarget)
        m_target->setText(text);
    m_defaultTarget = text;
}

void ReplayDialog::setSeed(quint32 seed)
{
    m_seed->setText(QString::number(seed));
}

void ReplayDialog::newSeed()
{
    setSeed(QRandomGenerator::global()->bounded(1u, 1000000u));
}

QString ReplayDialog::summaryText() const
{
    return m_summaryLabel->text();
}

void ReplayDialog::setSummary(const QString &text)
{
    m_summaryLabel->setText(text);
}

void ReplayDialog::setRunning(bool running)
{
    m_running = running;
    m_replay->setEnabled(!running);
    m_cancel->setEnabled(running);
    for (QWidget *w : std::initializer_list<QWidget *>{m_scope, m_target, m_original, m_resigned,
                                                       m_inOrder, m_shuffled, m_duplicateRate,
                                                       m_maxDelay, m_seed, m_newSeed, m_rate})
        w->setEnabled(!running);
    if (running) {
        m_progress->setRange(0, 0);
        m_progress->setValue(0);
        m_progress->setVisible(true);
    }
}

bool ReplayDialog::startReplay()
{
    if (m_running)
        return false;
    const QUrl target(m_target->text().trimmed(), QUrl::StrictMode);
    if (!target.isValid() || target.host().isEmpty() ||
        (target.scheme() != QLatin1String("http") && target.scheme() != QLatin1String("https"))) {
        setSummary(QStringLiteral("The target must be an http:// or https:// URL."));
        return false;
    }
    bool ok = false;
    const quint32 seed = m_seed->text().toUInt(&ok);
    if (!ok) {
        setSummary(QStringLiteral("The seed must be a whole number from 0 to 4294967295."));
        return false;
    }
    if (m_sessionPath.isEmpty() || !QFileInfo::exists(m_sessionPath)) {
        setSummary(QStringLiteral("No session to replay from."));
        return false;
    }
    ReplayOptions options;
    options.shuffle = m_shuffled->isChecked();
    options.duplicateRate = m_duplicateRate->value() / 100.0;
    options.maxDelayMs = m_maxDelay->value();
    options.seed = seed;
    const bool resign = m_resigned->isChecked();
    const QString session = m_sessionPath;
    const DeliveryFilter filter = m_scope->filter();
    const QSet<qint64> seqs = m_scope->seqs();
    m_runSeed = seed;
    m_cancelRequested = false;
    m_summary = ScenarioSummary();
    m_delivered = 0;
    m_failed = 0;
    m_planned = 0;
    m_model->clear();
    setSummary(QStringLiteral("Reading %1\u2026").arg(m_scope->description()));
    setRunning(true);
    m_thread = runInBackground(
        this,
        [session, filter, seqs, options, resign]() mutable {
            Prepared prepared;
            SessionStore store;
            if (!store.open(session, &prepared.error))
                return prepared;
            const QVector<Delivery> deliveries = selectDeliveries(store, filter, seqs);
            store.close();
            if (deliveries.isEmpty()) {
                prepared.error = QStringLiteral("no delivery to replay");
                return prepared;
            }
            if (resign) {
                const TestKeyStore::Result keys =
                    TestKeyStore::loadOrCreate(SessionLocations::dataFolder());
                if (!keys.ok()) {
                    prepared.error = keys.error;
                    return prepared;
                }
                options.resignWith = keys.key;
            }
            prepared.plan = planReplay(deliveries, options);
            prepared.seqs.reserve(deliveries.size());
            for (const Delivery &d : deliveries)
                prepared.seqs.append(d.seq);
            return prepared;
        },
        [this, target](const Prepared &prepared) {
            if (!prepared.error.isEmpty() || m_cancelRequested) {
                setRunning(false);
                m_progress->setVisible(false);
                setSummary(m_cancelRequested
                               ? QStringLiteral("Cancelled before the first send.")
                               : QStringLiteral("Not replayed: %1").arg(prepared.error));
                ScenarioSummary summary;
                summary.cancelled = m_cancelRequested;
                m_summary = summary;
                emit replayFinished(summary);
                return;
            }
            m_model->setSeqs(prepared.seqs);
            ScenarioSpec spec;
            spec.target = target;
            spec.rate = m_rate->value();
            spec.concurrency = 1;
            auto *runner = new ScenarioRunner(spec, prepared.plan, this);
            m_runner = runner;
            connect(runner, &ScenarioRunner::attemptFinished, m_model, &ReplayResultsModel::append);
            connect(runner, &ScenarioRunner::progress, this, &ReplayDialog::onProgress);
            connect(runner, &ScenarioRunner::finished, this, &ReplayDialog::onFinished);
            setSummary(QStringLiteral("Replaying %1 sends to %2 (seed %3)\u2026")
                           .arg(prepared.plan.sends.size())
                           .arg(target.toString())
                           .arg(m_runSeed));
            m_planned = int(prepared.plan.sends.size());
            m_progress->setRange(0, m_planned);
            runner->start();
        });
    return true;
}

void ReplayDialog::cancelReplay()
{
    if (!m_running)
        return;
    m_cancelRequested = true;
    if (m_runner)
        m_runner->cancel();
}

void ReplayDialog::reject()
{
    if (m_running) {
        cancelReplay();
        return;
    }
    QDialog::reject();
}

void ReplayDialog::onProgress(int done, int planned)
{
    m_progress->setRange(0, qMax(1, planned));
    m_progress->setValue(done);
}

void ReplayDialog::onFinished(const ScenarioSummary &summary)
{
    if (m_runner)
        m_runner->deleteLater();
    m_runner = nullptr;
    m_summary = summary;
    setRunning(false);
    const int sends = m_model->rowCount();
    m_progress->setRange(0, qMax(1, sends));
    m_progress->setValue(sends);
    // Counted per send: the runner's per-event tally counts a duplicate that was
    // never planned as a failure when only some deliveries get one.
    m_delivered = 0;
    int duplicates = 0;
    for (int row = 0; row < sends; ++row) {
        const SendAttempt &attempt = m_model->attemptAt(row);
        m_delivered += attempt.result.delivered() ? 1 : 0;
        duplicates += attempt.copy > 1 ? 1 : 0;
    }
    m_failed = sends - m_delivered;
    QString text =
        QStringLiteral("%1 %2 (%3 recorded, %4 injected %5): %6 delivered, %7 failed; "
                       "latency p50 %8 ms, p99 %9 ms. Seed %10 replays this run.")
            .arg(sends)
            .arg(sends == 1 ? QStringLiteral("send") : QStringLiteral("sends"))
            .arg(sends - duplicates)
            .arg(duplicates)
            .arg(duplicates == 1 ? QStringLiteral("duplicate") : QStringLiteral("duplicates"))
            .arg(m_delivered)
            .arg(m_failed)
            .arg(summary.p50LatencyMs)
            .arg(summary.p99LatencyMs)
            .arg(m_runSeed);
    if (summary.cancelled)
        text.prepend(
            QStringLiteral("Cancelled after %1 of %2 planned sends. ").arg(sends).arg(m_planned));
    setSummary(text);
    emit replayFinished(summary);
}
