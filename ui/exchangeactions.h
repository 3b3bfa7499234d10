#pragma once

#include <QObject>
#include <QPointer>

class CaptureSession;
class ExportDialog;
class ImportDialog;
class LiveCaptureView;
class QAction;
class QWidget;
class ReplayDialog;

// The window's way to fixtures, HAR, JSON Lines and replays: File > Export and
// Import, Tools > Replay, and on the delivery list's context menu Export
// selected, Replay selected and Copy as curl. Dialogs are made on first use and
// kept; they read the session with connections of their own, and an import goes
// through the capture session so every model sees it as captured deliveries.
class ExchangeActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExchangeActions)

public:
    ExchangeActions(CaptureSession *session, LiveCaptureView *live, QWidget *window);
    ~ExchangeActions() override;

    QAction *exportAction() const { return m_export; }
    QAction *importAction() const { return m_import; }
    QAction *replayAction() const { return m_replay; }
    QAction *exportSelectedAction() const { return m_exportSelected; }
    QAction *replaySelectedAction() const { return m_replaySelected; }
    QAction *copyAsCurlAction() const { return m_copyAsCurl; }

    // Null until first opened.
    ExportDialog *exportDialog() const;
    ImportDialog *importDialog() const;
    ReplayDialog *replayDialog() const;

public slots:
    void openExport();
    void exportSelected();
    void openImport();
    void openReplay();
    void replaySelected();
    void copyAsCurl();

signals:
    // A short confirmation or error for the status bar (plain text).
    void message(const QString &text);

private:
    void updateSelectionActions();
    ExportDialog *prepareExport();
    ReplayDialog *prepareReplay();
    QString listenerUrl() const;

    CaptureSession *m_session;
    LiveCaptureView *m_live;
    QWidget *m_window;
    QAction *m_export;
    QAction *m_import;
    QAction *m_replay;
    QAction *m_exportSelected;
    QAction *m_replaySelected;
    QAction *m_copyAsCurl;
    QPointer<ExportDialog> m_exportDialog;
    QPointer<ImportDialog> m_importDialog;
    QPointer<ReplayDialog> m_replayDialog;
};
