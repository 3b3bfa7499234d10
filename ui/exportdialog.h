#pragma once

#include "export/deliveryexporter.h"

#include <QDialog>
#include <QPointer>

#include <atomic>
#include <functional>
#include <memory>

class DeliveryScopeBox;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QThread;

// File > Export and the list's "Export selected": fixtures, HAR or JSON Lines of
// the session, the selection or the filter's matches. The export runs in a thread
// of its own (reading the session with its own connection) with a progress bar
// and Cancel; an existing file or non-empty folder is replaced only when the
// user says so.
class ExportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportDialog)

public:
    // Asked before replacing `path`; true to replace it. The default asks with a message box.
    using ConfirmOverwrite = std::function<bool(const QString &path)>;

    explicit ExportDialog(QWidget *parent = nullptr);
    ~ExportDialog() override;

    void setSessionPath(const QString &path);
    QString sessionPath() const { return m_sessionPath; }
    void setConfirmOverwrite(ConfirmOverwrite confirm);

    DeliveryScopeBox *scopeBox() const { return m_scope; }
    void setFormat(ExportFormat format);
    ExportFormat format() const;
    void setPath(const QString &path);
    QString path() const;
    QCheckBox *resignBox() const { return m_resign; }
    QCheckBox *redactBox() const { return m_redact; }
    QCheckBox *keepInvalidBox() const { return m_keepInvalid; }
    QCheckBox *jestBox() const { return m_jest; }
    QProgressBar *progressBar() const { return m_progress; }
    QPushButton *exportButton() const { return m_export; }
    QPushButton *cancelButton() const { return m_cancel; }

    bool isRunning() const { return m_running; }
    QString statusText() const;
    const ExportResult &lastResult() const { return m_result; }

public slots:
    // Checks the destination (asking before replacing it) and starts; false when
    // it did not start (the reason is in statusText()).
    bool startExport();
    void cancelExport();
    void reject() override; // cancels a running export first

signals:
    void progressed(int done, int total);
    void exportFinished(bool ok);

private:
    void browse();
    void updateOptions();
    void updateDefaultPath();
    QString defaultPath(ExportFormat format) const;
    void onProgress(int done, int total);
    void onFinished(const ExportResult &result);
    void setRunning(bool running);
    void setStatus(const QString &text);

    QComboBox *m_format;
    QLineEdit *m_path;
    QPushButton *m_browse;
    DeliveryScopeBox *m_scope;
    QCheckBox *m_resign;
    QCheckBox *m_redact;
    QCheckBox *m_keepInvalid;
    QCheckBox *m_jest;
    QProgressBar *m_progress;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QPushButton *m_export;
    QPushButton *m_cancel;
    QString m_sessionPath;
    QString m_shownDefault; // the path field's default, replaced when the format changes
    ConfirmOverwrite m_confirm;
    ExportResult m_result;
    bool m_running = false;
    std::shared_ptr<std::atomic_bool> m_cancelFlag;
    QPointer<QThread> m_thread;
};
