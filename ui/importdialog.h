#pragma once

#include "capture/delivery.h"
#include "import/deliveryimporter.h"

#include <QDialog>
#include <QPointer>
#include <QVector>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QThread;

// File > Import: fixtures folders, HAR and JSON Lines files. What they hold is read
// in the background as soon as they are added; a bad file or entry is listed with
// its file and position, and then nothing is imported unless "Import the good
// entries" is ticked. The import itself is the owner's (importRequested), who
// answers with showImportResult().
class ImportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportDialog)

public:
    explicit ImportDialog(QWidget *parent = nullptr);
    ~ImportDialog() override;

    void addPaths(const QStringList &paths);
    QStringList paths() const { return m_paths; }
    void clearPaths();

    bool isReading() const { return m_reading; }
    bool isImporting() const { return m_importing; }
    // What the paths hold: the good entries and the errors.
    const QVector<Delivery> &deliveries() const { return m_deliveries; }
    const QVector<ImportError> &errors() const { return m_errors; }

    QListWidget *pathList() const { return m_pathList; }
    QListWidget *errorList() const { return m_errorList; }
    QCheckBox *importGoodBox() const { return m_importGood; }
    QPushButton *importButton() const { return m_import; }
    QString statusText() const;

public slots:
    // Emits importRequested() when there is something to import and the errors
    // allow it; false otherwise.
    bool startImport();
    // The owner's answer to importRequested().
    void showImportResult(int imported, const QString &error);

signals:
    void readFinished();
    void importRequested(const QVector<Delivery> &deliveries);
    void importFinished(bool ok);

private:
    void addFiles();
    void addFolder();
    void removeSelected();
    void read();
    void onRead(const ImportResult &result);
    void updateState();
    void setStatus(const QString &text);

    QListWidget *m_pathList;
    QPushButton *m_addFiles;
    QPushButton *m_addFolder;
    QPushButton *m_remove;
    QListWidget *m_errorList;
    QCheckBox *m_importGood;
    QProgressBar *m_progress;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QPushButton *m_import;
    QStringList m_paths;
    QVector<Delivery> m_deliveries;
    QVector<ImportError> m_errors;
    bool m_reading = false;
    bool m_readAgain = false; // the paths changed while they were being read
    bool m_importing = false;
    QPointer<QThread> m_thread;
};
