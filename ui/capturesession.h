#pragma once

#include "capture/captureoptions.h"
#include "capture/captureservice.h"
#include "capture/delivery.h"
#include "models/deliveryrowpage.h"

#include <QObject>
#include <QVector>

#include <optional>

class AnalysisModels;
class DeliveryListModel;
class KeyringStore;
class SessionImporter;
class SessionRowLoader;
class QTimer;

// The window's capture: one session file, the capture service writing to it, the
// list model showing it and the analysis views' models, every model fed the same
// batches and cleared together. Deliveries that arrive while paused or while the
// session is still loading wait in a buffer and are appended, in order, afterwards;
// the others reach the models together, in one insert per model every kFlushMs.
class CaptureSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaptureSession)

public:
    // How long captured deliveries wait to reach the models together, at most.
    static constexpr int kFlushMs = 25;

    explicit CaptureSession(KeyringStore *keys, QObject *parent = nullptr);
    ~CaptureSession() override;

    DeliveryListModel *model() const { return m_model; }
    AnalysisModels *analysis() const { return m_analysis; }
    ResponsePolicy &policy() { return m_service.policy(); }

    QString sessionPath() const { return m_sessionPath; }
    bool isListening() const { return m_service.isRunning(); }
    QUrl url() const { return m_service.url(); }
    // The address asked for (after a start, with the port actually bound).
    CaptureOptions options() const { return m_options; }
    // Why capture is not listening; empty while it listens.
    QString listenError() const { return m_listenError; }
    bool isPaused() const { return m_paused; }
    bool isLoading() const { return m_loading; }
    int bufferedCount() const { return int(m_buffer.size()); }

    // Opens (or creates) `path`, shows its deliveries and captures into it.
    // False when the session cannot be opened; capture may fail on its own (see
    // listenError()) while the session still shows.
    bool open(const QString &path, const CaptureOptions &options, QString *error = nullptr);
    // Replaces `path` with an empty session and captures into it.
    bool startNew(const QString &path, QString *error = nullptr);
    // Copies the session to `path` and goes on capturing there.
    bool saveAs(const QString &path, QString *error = nullptr);
    // Deletes every delivery of the session.
    bool clear(QString *error = nullptr);
    // Captures on another address, same session.
    bool listen(const CaptureOptions &options);

    // One delivery, read from the session on this thread.
    std::optional<Delivery> load(qint64 seq, QString *error = nullptr) const;

    // Imports deliveries (read from fixtures, HAR or JSON Lines) as if they had just
    // arrived: verified with the keyring, analysed after what the session holds and
    // stored all or nothing, in a thread of their own; then they reach every model
    // as captured deliveries do. Capture stops while they are written (two writers
    // would hand out the same seqs) and starts again. False, with `error`, when it
    // cannot start; importFinished() tells how it went. Any other change of the
    // session first waits for a running import.
    bool importDeliveries(const QVector<Delivery> &deliveries, QString *error = nullptr);
    bool isImporting() const;

public slots:
    void setPaused(bool paused);

signals:
    void sessionChanged(const QString &path);
    void listeningChanged(bool listening);
    void pausedChanged(bool paused);
    void loadingChanged(bool loading);
    // Deliveries captured (shown or buffered): the status bar's rate counts them.
    void arrived(int count);
    void countsChanged();
    void storeFailed(const QString &reason);
    // `imported` deliveries are in the session; none when `error` says why.
    void importFinished(int imported, const QString &error);

private:
    void onCommitted(const QVector<Delivery> &deliveries);
    void flushArrivals();
    void onRowsLoaded(const DeliveryRowPage &page, bool first);
    void onFindingsLoaded(const QVector<Delivery> &deliveries, bool first);
    void onAnalysisLoaded(const QVector<Delivery> &deliveries);
    void appendToModels(const QVector<Delivery> &deliveries);
    void onLoadFinished(const QString &error);
    bool startCapture(const CaptureOptions &options);
    // Stops capture and takes in what it had committed but not yet signalled.
    void stopCapture();
    void resetRows();
    void flushBuffer();
    void setLoading(bool loading);
    void onImported(const QVector<Delivery> &written, const QString &error);
    // Waits for a running import and takes in its result, without restarting capture.
    void finishImport();

    KeyringStore *m_keys;
    DeliveryListModel *m_model;
    AnalysisModels *m_analysis;
    SessionRowLoader *m_loader;
    SessionImporter *m_importer;
    QTimer *m_flushTimer;
    CaptureService m_service;
    CaptureOptions m_options;
    QString m_sessionPath;
    QString m_listenError;
    QVector<Delivery> m_buffer; // without payloads
    bool m_paused = false;
    bool m_loading = false;
    bool m_resumeAfterImport = false;
};
