#include "capturesession.h"

#include "analysismodels.h"
#include "failwith.h"
#include "keyringstore.h"
#include "models/deliverylistmodel.h"
#include "sessionimporter.h"
#include "sessionrowloader.h"
#include "store/sessionstore.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QTimer>

namespace {
const QString kWalSuffix = QStringLiteral("-wal");
const QString kShmSuffix = QStringLiteral("-shm");

bool sameFile(const QString &a, const QString &b)
{
    return QFileInfo(a).absoluteFilePath() == QFileInfo(b).absoluteFilePath();
}

// A session is its file and, while SQLite has it open, the -wal and -shm beside it.
bool removeSessionFiles(const QString &path, QString *error)
{
    for (const QString &file : {path, path + kWalSuffix, path + kShmSuffix}) {
        QFile existing(file);
        if (existing.exists() && !existing.remove())
            return failWith(
                error, QStringLiteral("cannot replace %1: %2").arg(file, existing.errorString()));
    }
    return true;
}
} // namespace

CaptureSession::CaptureSession(KeyringStore *keys, QObject *parent)
    : QObject(parent)
    , m_keys(keys)
    , m_model(new DeliveryListModel(this))
    , m_analysis(new AnalysisModels(this))
    , m_loader(new SessionRowLoader(this))
    , m_importer(new SessionImporter(this))
    , m_flushTimer(new QTimer(this))
{
    m_flushTimer->setSingleShot(true);
    m_flushTimer->setInterval(kFlushMs);
    connect(m_flushTimer, &QTimer::timeout, this, &CaptureSession::flushArrivals);
    connect(&m_service, &CaptureService::committed, this, &CaptureSession::onCommitted);
    connect(&m_service, &CaptureService::storeFailed, this, &CaptureSession::storeFailed);
    connect(m_loader, &SessionRowLoader::rowsLoaded, this, &CaptureSession::onRowsLoaded);
    // The capture pipeline reads the session's analysis once the list is in (both read the
    // whole session: one after the other, the list comes first).
    m_service.setAnalysisDeferred(true);
    connect(m_loader, &SessionRowLoader::rowsFinished, &m_service,
            &CaptureService::prepareAnalysis);
    connect(m_loader, &SessionRowLoader::findingsLoaded, this, &CaptureSession::onFindingsLoaded);
    connect(m_loader, &SessionRowLoader::analysisWindow, m_analysis,
            &AnalysisModels::setOmittedCount);
    connect(m_loader, &SessionRowLoader::analysisLoaded, this, &CaptureSession::onAnalysisLoaded);
    connect(m_loader, &SessionRowLoader::finished, this, &CaptureSession::onLoadFinished);
    connect(m_keys, &KeyringStore::changed, this,
            [this] { m_service.setVerifier(m_keys->verifier()); });
    connect(m_importer, &SessionImporter::finished, this, &CaptureSession::onImported);
}

CaptureSession::~CaptureSession()
{
    m_importer->wait();
    m_loader->cancel();
    m_service.stop();
}

bool CaptureSession::startCapture(const CaptureOptions &options)
{
    QString error = QStringLiteral("no session is open (File \u203A Open session or New session)");
    const bool listening = !m_sessionPath.isEmpty() &&
                           m_service.start(options, m_sessionPath, m_keys->verifier(), &error);
    m_options = options;
    if (listening) {
        if (!m_loading)
            m_service.prepareAnalysis();
        // Restarts (clear, save as) keep the port a "any free port" start was given.
        m_options.port = quint16(m_service.url().port());
        m_listenError.clear();
    } else {
        m_listenError = error;
    }
    emit listeningChanged(listening);
    return listening;
}

void CaptureSession::stopCapture()
{
    finishImport();
    if (!m_service.isRunning())
        return;
    m_service.stop();
    // What the pipeline committed just before it stopped is still queued for this thread.
    QCoreApplication::sendPostedEvents(&m_service, QEvent::MetaCall);
}

void CaptureSession::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

void CaptureSession::resetRows()
{
    m_buffer.clear();
    m_model->clear();
    m_analysis->clear();
    emit countsChanged();
}

bool CaptureSession::open(const QString &path, const CaptureOptions &options, QString *error)
{
    {
        // Refuse a file that is not a session before leaving the current one.
        SessionStore probe;
        QString reason;
        if (!probe.open(path, &reason)) {
            if (error)
                *error = reason;
            if (m_sessionPath.isEmpty()) {
                // Nothing open yet (the window's start): say why nothing listens.
                m_options = options;
                m_listenError = reason;
                emit listeningChanged(false);
            }
            return false;
        }
    }
    m_loader->cancel();
    stopCapture();
    m_sessionPath = path;
    resetRows();
    setLoading(true);
    // The rows start loading, and capture at once; what it commits while the rows load
    // waits in the buffer.
    m_loader->start(path);
    startCapture(options);
    emit sessionChanged(path);
    return true;
}

bool CaptureSession::startNew(const QString &path, QString *error)
{
    m_loader->cancel();
    stopCapture();
    SessionStore store;
    if (!removeSessionFiles(path, error) || !store.open(path, error)) {
        if (m_loading)
            m_loader->start(m_sessionPath);
        startCapture(m_options);
        return false;
    }
    store.close();
    m_sessionPath = path;
    resetRows();
    setLoading(false);
    startCapture(m_options);
    emit sessionChanged(path);
    return true;
}

bool CaptureSession::saveAs(const QString &path, QString *error)
{
    if (sameFile(path, m_sessionPath))
        return true;
    const bool wasLoading = m_loading;
    m_loader->cancel();
    // Stopped, the session's last connection closes and SQLite folds the WAL back
    // into the file: a plain copy is then the whole session.
    stopCapture();
    bool copied = removeSessionFiles(path, error);
    if (copied && !QFile::copy(m_sessionPath, path))
        copied = failWith(error, QStringLiteral("cannot copy the session to %1").arg(path));
    // Another process (hookscope listen) may still hold it open: take its WAL too.
    if (copied && QFile::exists(m_sessionPath + kWalSuffix) &&
        !QFile::copy(m_sessionPath + kWalSuffix, path + kWalSuffix))
        copied = failWith(error, QStringLiteral("cannot copy the session's log to %1").arg(path));
    if (!copied) {
        removeSessionFiles(path, nullptr);
        if (wasLoading)
            m_loader->start(m_sessionPath);
        startCapture(m_options);
        return false;
    }
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    m_sessionPath = path;
    if (wasLoading)
        m_loader->start(path);
    startCapture(m_options);
    emit sessionChanged(path);
    return true;
}

bool CaptureSession::clear(QString *error)
{
    m_loader->cancel();
    stopCapture();
    SessionStore store;
    const bool cleared = store.open(m_sessionPath, error) && store.clear(error);
    store.close();
    resetRows();
    if (cleared) {
        setLoading(false);
    } else {
        setLoading(true);
        m_loader->start(m_sessionPath); // nothing was deleted: show it again
    }
    startCapture(m_options);
    return cleared;
}

bool CaptureSession::listen(const CaptureOptions &options)
{
    stopCapture();
    return startCapture(options);
}

std::optional<Delivery> CaptureSession::load(qint64 seq, QString *error) const
{
    SessionStore store;
    if (!store.open(m_sessionPath, error))
        return std::nullopt;
    std::optional<Delivery> delivery = store.load(seq);
    if (!delivery && error)
        *error = QStringLiteral("delivery #%1 is not in the session").arg(seq);
    return delivery;
}

void CaptureSession::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    flushBuffer();
    emit pausedChanged(paused);
    emit countsChanged();
}

void CaptureSession::onCommitted(const QVector<Delivery> &deliveries)
{
    for (const Delivery &delivery : deliveries)
        m_buffer.append(AnalysisModels::withoutPayload(delivery));
    emit arrived(int(deliveries.size()));
    if (m_paused || m_loading) {
        emit countsChanged(); // "N waiting"
        return;
    }
    // Under load the pipeline commits many small batches a second: the models take
    // them in together, kFlushMs at the latest after the first arrived.
    if (!m_flushTimer->isActive())
        m_flushTimer->start();
}

void CaptureSession::flushArrivals()
{
    flushBuffer();
    emit countsChanged();
}

void CaptureSession::flushBuffer()
{
    if (m_paused || m_loading || m_buffer.isEmpty())
        return;
    // While loading, deliveries may have been both read and buffered: keep the newer ones.
    const int count = m_model->rowCount();
    const qint64 last = count > 0 ? m_model->seqAt(count - 1) : 0;
    QVector<Delivery> fresh;
    fresh.reserve(m_buffer.size());
    for (Delivery &delivery : m_buffer) {
        if (delivery.seq > last)
            fresh.append(std::move(delivery));
    }
    m_buffer.clear();
    appendToModels(fresh);
}

void CaptureSession::appendToModels(const QVector<Delivery> &deliveries)
{
    m_model->appendDeliveries(deliveries);
    m_analysis->appendDeliveries(deliveries);
}

void CaptureSession::onRowsLoaded(const DeliveryRowPage &page, bool first)
{
    // The first page resets the list; the analysis views follow in a second pass.
    m_model->appendPage(page, first);
    emit countsChanged();
}

void CaptureSession::onFindingsLoaded(const QVector<Delivery> &deliveries, bool first)
{
    if (first)
        m_analysis->clear();
    m_analysis->appendFindings(deliveries);
}

void CaptureSession::onAnalysisLoaded(const QVector<Delivery> &deliveries)
{
    m_analysis->appendRecent(deliveries);
}

void CaptureSession::onLoadFinished(const QString &error)
{
    setLoading(false);
    flushBuffer();
    emit countsChanged();
    if (!error.isEmpty())
        emit storeFailed(error);
}

bool CaptureSession::isImporting() const
{
    return m_importer->isRunning();
}

bool CaptureSession::importDeliveries(const QVector<Delivery> &deliveries, QString *error)
{
    if (m_importer->isRunning())
        return failWith(error, QStringLiteral("an import is still running"));
    if (m_sessionPath.isEmpty())
        return failWith(error, QStringLiteral("no session is open"));
    if (deliveries.isEmpty())
        return failWith(error, QStringLiteral("nothing to import"));
    const bool resume = m_service.isRunning();
    stopCapture();
    m_resumeAfterImport = resume;
    m_importer->start(m_sessionPath, deliveries, m_keys->verifier());
    return true;
}

void CaptureSession::finishImport()
{
    if (!m_importer->isRunning())
        return;
    m_importer->wait();
    // The caller goes on to restart capture (or not) itself.
    m_resumeAfterImport = false;
    QCoreApplication::sendPostedEvents(m_importer, QEvent::MetaCall);
}

void CaptureSession::onImported(const QVector<Delivery> &written, const QString &error)
{
    if (!written.isEmpty()) {
        // The way committed captures go: buffered while paused or loading, then to every model.
        for (const Delivery &delivery : written)
            m_buffer.append(AnalysisModels::withoutPayload(delivery));
        flushBuffer();
        emit countsChanged();
    }
    if (m_resumeAfterImport) {
        m_resumeAfterImport = false;
        startCapture(m_options);
    }
    emit importFinished(int(written.size()), error);
}
