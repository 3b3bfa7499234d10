#include "exportdialog.h"

#include "backgroundtask.h"
#include "deliveryscopebox.h"
#include "export/deliveryselection.h"
#include "send/testkeystore.h"
#include "store/sessionlocations.h"
#include "store/sessionstore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace {
constexpr int kProgressIntervalMs = 50;

// Whether an export to `path` would replace something: a file, or a folder's content.
bool wouldReplace(const QString &path, ExportFormat format)
{
    const QFileInfo info(path);
    if (!info.exists())
        return false;
    return format != ExportFormat::Fixtures || !info.isDir() || !QDir(path).isEmpty();
}
} // namespace

ExportDialog::ExportDialog(QWidget *parent)
    : QDialog(parent)
    , m_format(new QComboBox(this))
    , m_path(new QLineEdit(this))
    , m_browse(new QPushButton(QStringLiteral("&Browse\u2026"), this))
    , m_scope(new DeliveryScopeBox(this))
    , m_resign(new QCheckBox(QStringLiteral("&Re-sign every token with the test key (its public "
                                            "key is written beside, never the private key)"),
                             this))
    , m_redact(new QCheckBox(
          QStringLiteral("Re&dact instance and identity ids (the same alias in every file)"), this))
    , m_keepInvalid(
          new QCheckBox(QStringLiteral("&Keep deliveries without a valid signature"), this))
    , m_jest(new QCheckBox(QStringLiteral("Add a &Jest test (webhooks.test.js) feeding each "
                                          "fixture to @wix/sdk"),
                           this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
    , m_export(m_buttons->addButton(QStringLiteral("&Export"), QDialogButtonBox::ActionRole))
    , m_cancel(m_buttons->addButton(QStringLiteral("&Cancel export"), QDialogButtonBox::ActionRole))
{
    setWindowTitle(QStringLiteral("Export deliveries"));
    setObjectName(QStringLiteral("exportDialog"));
    m_format->setObjectName(QStringLiteral("exportFormat"));
    m_format->addItem(QStringLiteral("Fixtures folder (JSON and .jwt per delivery, manifest)"),
                      int(ExportFormat::Fixtures));
    m_format->addItem(QStringLiteral("HAR 1.2 file"), int(ExportFormat::Har));
    m_format->addItem(QStringLiteral("JSON Lines file (one delivery per line)"),
                      int(ExportFormat::JsonLines));
    m_path->setObjectName(QStringLiteral("exportPath"));
    m_browse->setObjectName(QStringLiteral("exportBrowse"));
    m_resign->setObjectName(QStringLiteral("exportResign"));
    m_redact->setObjectName(QStringLiteral("exportRedact"));
    m_keepInvalid->setObjectName(QStringLiteral("exportKeepInvalid"));
    m_keepInvalid->setChecked(true);
    m_jest->setObjectName(QStringLiteral("exportJest"));
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_progress->setVisible(false);
    m_status->setObjectName(QStringLiteral("exportStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_export->setObjectName(QStringLiteral("exportButton"));
    m_export->setDefault(true);
    m_cancel->setObjectName(QStringLiteral("cancelExportButton"));
    m_cancel->setEnabled(false);

    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(m_browse);
    auto *form = new QFormLayout;
    form->addRow(QStringLiteral("&Format:"), m_format);
    form->addRow(QStringLiteral("&To:"), pathRow);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_scope);
    for (QCheckBox *box : {m_resign, m_redact, m_keepInvalid, m_jest})
        layout->addWidget(box);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::updateOptions);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::updateDefaultPath);
    connect(m_redact, &QCheckBox::toggled, this, &ExportDialog::updateOptions);
    connect(m_browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_cancel, &QPushButton::clicked, this, &ExportDialog::cancelExport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);
    m_confirm = [this](const QString &path) {
        return QMessageBox::question(
                   this, QStringLiteral("Replace?"),
                   QStringLiteral("%1 already exists. Replace what is there?").arg(path),
                   QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) == QMessageBox::Yes;
    };
    updateOptions();
    updateDefaultPath();
    resize(560, sizeHint().height());
}

ExportDialog::~ExportDialog()
{
    if (m_cancelFlag)
        m_cancelFlag->store(true);
    waitForBackground(m_thread);
}

void ExportDialog::setSessionPath(const QString &path)
{
    m_sessionPath = path;
    updateDefaultPath();
}

void ExportDialog::setConfirmOverwrite(ConfirmOverwrite confirm)
{
    m_confirm = std::move(confirm);
}

void ExportDialog::setFormat(ExportFormat format)
{
    m_format->setCurrentIndex(m_format->findData(int(format)));
}

ExportFormat ExportDialog::format() const
{
    return ExportFormat(m_format->currentData().toInt());
}

void ExportDialog::setPath(const QString &path)
{
    m_path->setText(path);
}

QString ExportDialog::path() const
{
    return m_path->text().trimmed();
}

QString ExportDialog::statusText() const
{
    return m_status->text();
}

void ExportDialog::setStatus(const QString &text)
{
    m_status->setText(text);
}

QString ExportDialog::defaultPath(ExportFormat format) const
{
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty())
        folder = QDir::homePath();
    const QString stem = m_sessionPath.isEmpty() ? QStringLiteral("hookscope")
                                                 : QFileInfo(m_sessionPath).completeBaseName();
    switch (format) {
    case ExportFormat::Har:
        return QDir(folder).filePath(stem + QStringLiteral(".har"));
    case ExportFormat::JsonLines:
        return QDir(folder).filePath(stem + QStringLiteral(".jsonl"));
    case ExportFormat::Fixtures:
        break;
    }
    return QDir(folder).filePath(stem + QStringLiteral("-fixtures"));
}

void ExportDialog::updateDefaultPath()
{
    // Only a path the user has not typed follows the format.
    if (!m_path->text().isEmpty() && m_path->text() != m_shownDefault)
        return;
    m_shownDefault = defaultPath(format());
    m_path->setText(m_shownDefault);
}

void ExportDialog::updateOptions()
{
    const bool fixtures = format() == ExportFormat::Fixtures;
    m_jest->setEnabled(fixtures && !m_running);
    if (!fixtures)
        m_jest->setChecked(false);
    // Redacting changes the tokens, so they must be signed again.
    if (m_redact->isChecked())
        m_resign->setChecked(true);
    m_resign->setEnabled(!m_redact->isChecked() && !m_running);
}

void ExportDialog::browse()
{
    QString chosen;
    if (format() == ExportFormat::Fixtures) {
        chosen = QFileDialog::getExistingDirectory(this, QStringLiteral("Export fixtures into"),
                                                   QFileInfo(path()).absolutePath());
    } else {
        const QString filter = format() == ExportFormat::Har
                                   ? QStringLiteral("HAR files (*.har);;All files (*)")
                                   : QStringLiteral("JSON Lines (*.jsonl);;All files (*)");
        // This dialog asks before replacing, once, when the export starts.
        chosen = QFileDialog::getSaveFileName(this, QStringLiteral("Export to"), path(), filter,
                                              nullptr, QFileDialog::DontConfirmOverwrite);
    }
    if (!chosen.isEmpty())
        m_path->setText(chosen);
}

void ExportDialog::setRunning(bool running)
{
    m_running = running;
    m_export->setEnabled(!running);
    m_cancel->setEnabled(running);
    for (QWidget *w : std::initializer_list<QWidget *>{m_format, m_path, m_browse, m_scope,
                                                       m_redact, m_keepInvalid})
        w->setEnabled(!running);
    updateOptions();
    if (running) {
        m_progress->setRange(0, 0); // busy until the first delivery is written
        m_progress->setValue(0);
        m_progress->setVisible(true);
    }
}

bool ExportDialog::startExport()
{
    if (m_running)
        return false;
    const QString target = path();
    if (m_sessionPath.isEmpty() || !QFileInfo::exists(m_sessionPath)) {
        setStatus(QStringLiteral("No session to export from."));
        return false;
    }
    if (target.isEmpty()) {
        setStatus(QStringLiteral("Choose where to export to."));
        return false;
    }
    const ExportFormat chosen = format();
    const QFileInfo info(target);
    if (chosen == ExportFormat::Fixtures && info.exists() && !info.isDir()) {
        setStatus(QStringLiteral("%1 is a file; fixtures go into a folder.").arg(target));
        return false;
    }
    if (chosen != ExportFormat::Fixtures && info.isDir()) {
        setStatus(QStringLiteral("%1 is a folder; choose a file name.").arg(target));
        return false;
    }
    ExportOptions options;
    options.format = chosen;
    options.redact = m_redact->isChecked();
    options.keepInvalid = m_keepInvalid->isChecked();
    options.jestSkeleton = chosen == ExportFormat::Fixtures && m_jest->isChecked();
    if (wouldReplace(target, chosen)) {
        if (!m_confirm || !m_confirm(target)) {
            setStatus(QStringLiteral("Not exported: %1 exists and was left as it is.").arg(target));
            return false;
        }
        options.overwrite = true;
    }
    const bool resign = m_resign->isChecked() || options.redact;
    const QString session = m_sessionPath;
    const DeliveryFilter filter = m_scope->filter();
    const QSet<qint64> seqs = m_scope->seqs();
    const bool folderExisted = info.exists();
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_cancelFlag = cancel;
    m_result = ExportResult();
    setStatus(QStringLiteral("Exporting %1\u2026").arg(m_scope->description()));
    setRunning(true);
    m_thread = runInBackground(
        this,
        [this, session, filter, seqs, target, options, resign, cancel, folderExisted]() mutable {
            ExportResult result;
            SessionStore store;
            if (!store.open(session, &result.error))
                return result;
            const QVector<Delivery> deliveries = selectDeliveries(store, filter, seqs);
            store.close();
            if (deliveries.isEmpty()) {
                result.error = QStringLiteral("no delivery to export");
                return result;
            }
            if (resign) {
                const TestKeyStore::Result keys =
                    TestKeyStore::loadOrCreate(SessionLocations::dataFolder());
                if (!keys.ok()) {
                    result.error = keys.error;
                    return result;
                }
                options.resignWith = keys.key;
            }
            QElapsedTimer clock;
            clock.start();
            qint64 lastReport = -kProgressIntervalMs;
            options.progress = [this, cancel, &clock, &lastReport](int done, int total) {
                if (done == total || clock.elapsed() - lastReport >= kProgressIntervalMs) {
                    lastReport = clock.elapsed();
                    QMetaObject::invokeMethod(
                        this, [this, done, total] { onProgress(done, total); },
                        Qt::QueuedConnection);
                }
                return !cancel->load();
            };
            if (cancel->load()) {
                result.cancelled = true;
                return result;
            }
            result = exportDeliveries(deliveries, target, options);
            if (result.cancelled && options.format == ExportFormat::Fixtures) {
                // Keep nothing partial: remove what this export wrote.
                QDir folder(target);
                for (const QString &file : std::as_const(result.files))
                    folder.remove(file);
                if (!folderExisted && folder.isEmpty())
                    folder.rmdir(folder.absolutePath());
            }
            return result;
        },
        [this](const ExportResult &result) {
            m_result = result;
            onFinished(result);
        });
    return true;
}

void ExportDialog::cancelExport()
{
    if (m_running && m_cancelFlag) {
        m_cancelFlag->store(true);
        setStatus(QStringLiteral("Cancelling\u2026"));
    }
}

void ExportDialog::reject()
{
    if (m_running) {
        cancelExport();
        return;
    }
    QDialog::reject();
}

void ExportDialog::onProgress(int done, int total)
{
    if (!m_running)
        return;
    m_progress->setRange(0, total);
    m_progress->setValue(done);
    emit progressed(done, total);
}

void ExportDialog::onFinished(const ExportResult &result)
{
    setRunning(false);
    if (result.ok) {
        m_progress->setRange(0, qMax(1, result.written));
        m_progress->setValue(qMax(1, result.written));
        QString text = QStringLiteral("Exported %1 %2 to %3.")
                           .arg(result.written)
                           .arg(result.written == 1 ? QStringLiteral("delivery")
                                                    : QStringLiteral("deliveries"))
                           .arg(path());
        if (result.skipped > 0)
            text += QStringLiteral(" %1 without a valid signature left out.").arg(result.skipped);
        if (result.files.contains(QStringLiteral("public-key.pem")))
            text += QStringLiteral(" Re-signed with the test key: its public key is "
                                   "public-key.pem.");
        setStatus(text);
    } else if (result.cancelled) {
        m_progress->setVisible(false);
        setStatus(
            QStringLiteral("Cancelled after %1 deliveries; nothing was kept.").arg(result.written));
    } else {
        m_progress->setVisible(false);
        setStatus(QStringLiteral("Not exported: %1").arg(result.error));
    }
    emit exportFinished(result.ok);
}
