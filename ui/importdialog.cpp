#include "importdialog.h"

#include "backgroundtask.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

ImportDialog::ImportDialog(QWidget *parent)
    : QDialog(parent)
    , m_pathList(new QListWidget(this))
    , m_addFiles(new QPushButton(QStringLiteral("Add &files\u2026"), this))
    , m_addFolder(new QPushButton(QStringLiteral("Add fixtures f&older\u2026"), this))
    , m_remove(new QPushButton(QStringLiteral("&Remove"), this))
    , m_errorList(new QListWidget(this))
    , m_importGood(new QCheckBox(
          QStringLiteral("Import the &good entries and leave out the bad ones"), this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
    , m_import(m_buttons->addButton(QStringLiteral("&Import"), QDialogButtonBox::ActionRole))
{
    setWindowTitle(QStringLiteral("Import deliveries"));
    setObjectName(QStringLiteral("importDialog"));
    m_pathList->setObjectName(QStringLiteral("importPaths"));
    m_pathList->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_addFiles->setObjectName(QStringLiteral("importAddFiles"));
    m_addFolder->setObjectName(QStringLiteral("importAddFolder"));
    m_remove->setObjectName(QStringLiteral("importRemove"));
    m_errorList->setObjectName(QStringLiteral("importErrors"));
    m_errorList->setWordWrap(true);
    m_importGood->setObjectName(QStringLiteral("importGoodEntries"));
    m_progress->setObjectName(QStringLiteral("importProgress"));
    m_progress->setRange(0, 0);
    m_progress->setVisible(false);
    m_status->setObjectName(QStringLiteral("importStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_import->setObjectName(QStringLiteral("importButton"));
    m_import->setDefault(true);

    auto *paths = new QGridLayout;
    paths->addWidget(
        new QLabel(QStringLiteral("Fixtures folders, HAR and JSON Lines files:"), this), 0, 0, 1,
        2);
    paths->addWidget(m_pathList, 1, 0, 4, 1);
    paths->addWidget(m_addFiles, 1, 1);
    paths->addWidget(m_addFolder, 2, 1);
    paths->addWidget(m_remove, 3, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(paths);
    layout->addWidget(new QLabel(QStringLiteral("Problems:"), this));
    layout->addWidget(m_errorList);
    layout->addWidget(m_importGood);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);

    connect(m_addFiles, &QPushButton::clicked, this, &ImportDialog::addFiles);
    connect(m_addFolder, &QPushButton::clicked, this, &ImportDialog::addFolder);
    connect(m_remove, &QPushButton::clicked, this, &ImportDialog::removeSelected);
    connect(m_pathList, &QListWidget::itemSelectionChanged, this, &ImportDialog::updateState);
    connect(m_importGood, &QCheckBox::toggled, this, &ImportDialog::updateState);
    connect(m_import, &QPushButton::clicked, this, &ImportDialog::startImport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ImportDialog::reject);
    setStatus(QStringLiteral("Add what to import."));
    updateState();
    resize(640, 460);
}

ImportDialog::~ImportDialog()
{
    waitForBackground(m_thread);
}

QString ImportDialog::statusText() const
{
    return m_status->text();
}

void ImportDialog::setStatus(const QString &text)
{
    m_status->setText(text);
}

void ImportDialog::addPaths(const QStringList &paths)
{
    bool added = false;
    for (const QString &path : paths) {
        const QString clean = QDir::cleanPath(path);
        if (clean.isEmpty() || m_paths.contains(clean))
            continue;
        m_paths.append(clean);
        m_pathList->addItem(QDir::toNativeSeparators(clean));
        added = true;
    }
    if (added)
        read();
}

void ImportDialog::clearPaths()
{
    m_paths.clear();
    m_pathList->clear();
    read();
}

void ImportDialog::addFiles()
{
    addPaths(QFileDialog::getOpenFileNames(
        this, QStringLiteral("Import files"), QString(),
        QStringLiteral("HAR and JSON Lines (*.har *.jsonl *.json);;All files (*)")));
}

void ImportDialog::addFolder()
{
    const QString folder =
        QFileDialog::getExistingDirectory(this, QStringLiteral("Import a fixtures folder"));
    if (!folder.isEmpty())
        addPaths({folder});
}

void ImportDialog::removeSelected()
{
    const QList<QListWidgetItem *> selected = m_pathList->selectedItems();
    if (selected.isEmpty())
        return;
    for (QListWidgetItem *item : selected) {
        m_paths.removeAt(m_pathList->row(item));
        delete item;
    }
    read();
}

void ImportDialog::read()
{
    if (m_reading) {
        m_readAgain = true;
        return;
    }
    m_deliveries.clear();
    m_errors.clear();
    m_errorList->clear();
    if (m_paths.isEmpty()) {
        setStatus(QStringLiteral("Add what to import."));
        updateState();
        emit readFinished();
        return;
    }
    m_reading = true;
    m_readAgain = false;
    setStatus(QStringLiteral("Reading %1\u2026")
                  .arg(m_paths.size() == 1 ? QDir::toNativeSeparators(m_paths.first())
                                           : QStringLiteral("%1 paths").arg(m_paths.size())));
    updateState();
    m_thread = runInBackground(
        this,
        [paths = m_paths] {
            ImportResult all;
            for (const QString &path : paths) {
                ImportResult one = readDeliveries(path);
                all.deliveries += std::move(one.deliveries);
                all.errors += std::move(one.errors);
            }
            return all;
        },
        [this](const ImportResult &result) { onRead(result); });
}

void ImportDialog::onRead(const ImportResult &result)
{
    m_reading = false;
    if (m_readAgain) {
        read();
        return;
    }
    m_deliveries = result.deliveries;
    m_errors = result.errors;
    for (const ImportError &error : std::as_const(m_errors)) {
        // Plain text: a file's content may be quoted in the message.
        auto *item = new QListWidgetItem(QDir::toNativeSeparators(error.toString()));
        m_errorList->addItem(item);
    }
    const QString found = QStringLiteral("%1 %2 read")
                              .arg(m_deliveries.size())
                              .arg(m_deliveries.size() == 1 ? QStringLiteral("delivery")
                                                            : QStringLiteral("deliveries"));
    if (m_errors.isEmpty())
        setStatus(found + QLatin1Char('.'));
    else
        setStatus(
            QStringLiteral("%1; %2 bad %3. Nothing is imported unless you tick \"Import "
                           "the good entries\".")
                .arg(found)
                .arg(m_errors.size())
                .arg(m_errors.size() == 1 ? QStringLiteral("entry") : QStringLiteral("entries")));
    updateState();
    emit readFinished();
}

void ImportDialog::updateState()
{
    const bool busy = m_reading || m_importing;
    m_importGood->setEnabled(!m_errors.isEmpty() && !busy);
    m_import->setEnabled(!busy && !m_deliveries.isEmpty() &&
                         (m_errors.isEmpty() || m_importGood->isChecked()));
    m_addFiles->setEnabled(!m_importing);
    m_addFolder->setEnabled(!m_importing);
    m_remove->setEnabled(!m_importing && !m_pathList->selectedItems().isEmpty());
    m_progress->setVisible(busy);
}

bool ImportDialog::startImport()
{
    if (!m_import->isEnabled())
        return false;
    m_importing = true;
    setStatus(QStringLiteral("Importing %1 %2\u2026")
                  .arg(m_deliveries.size())
                  .arg(m_deliveries.size() == 1 ? QStringLiteral("delivery")
                                                : QStringLiteral("deliveries")));
    updateState();
    emit importRequested(m_deliveries);
    return true;
}

void ImportDialog::showImportResult(int imported, const QString &error)
{
    m_importing = false;
    if (error.isEmpty()) {
        setStatus(
            QStringLiteral("Imported %1 %2 into the session%3.")
                .arg(imported)
                .arg(imported == 1 ? QStringLiteral("delivery") : QStringLiteral("deliveries"))
                .arg(m_errors.isEmpty()
                         ? QString()
                         : QStringLiteral(" (%1 bad left out)").arg(m_errors.size())));
        // Done with these: importing them again would store them twice.
        m_paths.clear();
        m_pathList->clear();
        m_deliveries.clear();
        m_errors.clear();
        m_errorList->clear();
        m_importGood->setChecked(false);
    } else {
        setStatus(QStringLiteral("Nothing imported: %1").arg(error));
    }
    updateState();
    emit importFinished(error.isEmpty());
}
