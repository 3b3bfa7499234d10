#include "exchangeactions.h"

#include "capturesession.h"
#include "curlclipboard.h"
#include "deliveryscopebox.h"
#include "deliverytableview.h"
#include "exportdialog.h"
#include "filterlineedit.h"
#include "importdialog.h"
#include "livecaptureview.h"
#include "replaydialog.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QWidget>

namespace {
void present(QWidget *dialog)
{
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}
} // namespace

ExchangeActions::ExchangeActions(CaptureSession *session, LiveCaptureView *live, QWidget *window)
    : QObject(window)
    , m_session(session)
    , m_live(live)
    , m_window(window)
    , m_export(new QAction(QStringLiteral("&Export\u2026"), this))
    , m_import(new QAction(QStringLiteral("&Import\u2026"), this))
    , m_replay(new QAction(QStringLiteral("&Replay\u2026"), this))
    , m_exportSelected(new QAction(QStringLiteral("&Export selected\u2026"), this))
    , m_replaySelected(new QAction(QStringLiteral("&Replay selected\u2026"), this))
    , m_copyAsCurl(new QAction(QStringLiteral("Copy as &curl"), this))
{
    m_export->setObjectName(QStringLiteral("exportAction"));
    m_export->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_export->setStatusTip(
        QStringLiteral("Export deliveries as test fixtures, HAR 1.2 or JSON Lines"));
    m_import->setObjectName(QStringLiteral("importAction"));
    m_import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_import->setStatusTip(
        QStringLiteral("Import fixtures folders, HAR or JSON Lines files into this session"));
    m_replay->setObjectName(QStringLiteral("replayAction"));
    m_replay->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_replay->setStatusTip(
        QStringLiteral("Replay recorded deliveries to a receiver, to test that it is idempotent"));
    m_exportSelected->setObjectName(QStringLiteral("exportSelectedAction"));
    m_replaySelected->setObjectName(QStringLiteral("replaySelectedAction"));
    m_copyAsCurl->setObjectName(QStringLiteral("copyAsCurlAction"));
    m_copyAsCurl->setStatusTip(
        QStringLiteral("Copy the delivery as a curl command (with -H 'Expect:')"));

    connect(m_export, &QAction::triggered, this, &ExchangeActions::openExport);
    connect(m_import, &QAction::triggered, this, &ExchangeActions::openImport);
    connect(m_replay, &QAction::triggered, this, &ExchangeActions::openReplay);
    connect(m_exportSelected, &QAction::triggered, this, &ExchangeActions::exportSelected);
    connect(m_replaySelected, &QAction::triggered, this, &ExchangeActions::replaySelected);
    connect(m_copyAsCurl, &QAction::triggered, this, &ExchangeActions::copyAsCurl);
    connect(m_live->table()->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ExchangeActions::updateSelectionActions);
    connect(m_live->table()->model(), &QAbstractItemModel::modelReset, this,
            &ExchangeActions::updateSelectionActions);
    connect(m_session, &CaptureSession::importFinished, this,
            [this](int imported, const QString &error) {
                if (m_importDialog)
                    m_importDialog->showImportResult(imported, error);
                emit message(error.isEmpty()
                                 ? QStringLiteral("Imported %1 deliveries").arg(imported)
                                 : QStringLiteral("Nothing imported: %1").arg(error));
            });
    updateSelectionActions();
}

ExchangeActions::~ExchangeActions() = default;

ExportDialog *ExchangeActions::exportDialog() const
{
    return m_exportDialog;
}

ImportDialog *ExchangeActions::importDialog() const
{
    return m_importDialog;
}

ReplayDialog *ExchangeActions::replayDialog() const
{
    return m_replayDialog;
}

void ExchangeActions::updateSelectionActions()
{
    const qsizetype selected = m_live->selectedSeqs().size();
    m_exportSelected->setEnabled(selected > 0);
    m_replaySelected->setEnabled(selected > 0);
    m_copyAsCurl->setEnabled(selected == 1);
    m_exportSelected->setText(selected > 1
                                  ? QStringLiteral("&Export %1 selected\u2026").arg(selected)
                                  : QStringLiteral("&Export selected\u2026"));
    m_replaySelected->setText(selected > 1
                                  ? QStringLiteral("&Replay %1 selected\u2026").arg(selected)
                                  : QStringLiteral("&Replay selected\u2026"));
}

QString ExchangeActions::listenerUrl() const
{
    return m_session->isListening() ? m_session->url().toString()
                                    : QStringLiteral("http://127.0.0.1:8787");
}

ExportDialog *ExchangeActions::prepareExport()
{
    if (!m_exportDialog)
        m_exportDialog = new ExportDialog(m_window);
    if (!m_exportDialog->isRunning()) {
        m_exportDialog->setSessionPath(m_session->sessionPath());
        m_exportDialog->scopeBox()->setSelection(m_live->selectedSeqs());
        m_exportDialog->scopeBox()->setFilterText(m_live->filterEdit()->text());
    }
    return m_exportDialog;
}

void ExchangeActions::openExport()
{
    ExportDialog *dialog = prepareExport();
    if (!dialog->isRunning())
        dialog->scopeBox()->setScope(DeliveryScopeBox::Scope::Session);
    present(dialog);
}

void ExchangeActions::exportSelected()
{
    ExportDialog *dialog = prepareExport();
    if (!dialog->isRunning())
        dialog->scopeBox()->setScope(DeliveryScopeBox::Scope::Selection);
    present(dialog);
}

void ExchangeActions::openImport()
{
    if (!m_importDialog) {
        m_importDialog = new ImportDialog(m_window);
        connect(m_importDialog, &ImportDialog::importRequested, this,
                [this](const QVector<Delivery> &deliveries) {
                    QString error;
                    if (!m_session->importDeliveries(deliveries, &error))
                        m_importDialog->showImportResult(0, error);
                });
    }
    present(m_importDialog);
}

ReplayDialog *ExchangeActions::prepareReplay()
{
    if (!m_replayDialog)
        m_replayDialog = new ReplayDialog(m_window);
    if (!m_replayDialog->isRunning()) {
        m_replayDialog->setSessionPath(m_session->sessionPath());
        m_replayDialog->setDefaultTarget(QUrl(listenerUrl()));
        m_replayDialog->scopeBox()->setSelection(m_live->selectedSeqs());
        m_replayDialog->scopeBox()->setFilterText(m_live->filterEdit()->text());
    }
    return m_replayDialog;
}

void ExchangeActions::openReplay()
{
    ReplayDialog *dialog = prepareReplay();
    if (!dialog->isRunning())
        dialog->scopeBox()->setScope(DeliveryScopeBox::Scope::Session);
    present(dialog);
}

void ExchangeActions::replaySelected()
{
    ReplayDialog *dialog = prepareReplay();
    if (!dialog->isRunning())
        dialog->scopeBox()->setScope(DeliveryScopeBox::Scope::Selection);
    present(dialog);
}

void ExchangeActions::copyAsCurl()
{
    const QVector<qint64> seqs = m_live->selectedSeqs();
    if (seqs.size() != 1)
        return;
    const qint64 seq = seqs.first();
    std::optional<Delivery> delivery;
    if (m_live->currentDelivery() && m_live->currentDelivery()->seq == seq)
        delivery = m_live->currentDelivery();
    QString error;
    if (!delivery)
        delivery = m_session->load(seq, &error);
    if (delivery && CurlClipboard::copy(*delivery, listenerUrl(), &error))
        emit message(QStringLiteral("Copied delivery #%1 as a curl command").arg(seq));
    else
        emit message(QStringLiteral("Cannot copy #%1 as curl: %2").arg(seq).arg(error));
}
