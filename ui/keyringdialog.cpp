#include "keyringdialog.h"

#include "filedroptextedit.h"
#include "keyringstore.h"
#include "plainlabel.h"
#include "plaintooltip.h"
#include "wix/tokeninspection.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace {

QPushButton *button(const QString &text, const QString &objectName, QWidget *parent)
{
    auto *result = new QPushButton(text, parent);
    result->setObjectName(objectName);
    result->setAutoDefault(false);
    return result;
}
} // namespace

KeyringDialog::KeyringDialog(KeyringStore *store, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_banner(new VerdictBanner(this))
{
    setObjectName(QStringLiteral("keyringDialog"));
    setWindowTitle(QStringLiteral("Keys \u2014 Hookscope"));
    setModal(false);
    setSizeGripEnabled(true);
    resize(820, 620);

    auto *top = new QHBoxLayout;
    top->setSpacing(14);
    top->addWidget(createListPane(), 2);
    top->addWidget(createTestPane(), 3);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 14, 14, 10);
    layout->setSpacing(12);
    layout->addLayout(top, 1);
    layout->addWidget(createAddPane(), 1);
    layout->addWidget(buttons);

    connect(m_store, &KeyringStore::changed, this, &KeyringDialog::reloadList);
    reloadList();
    clearTestSubject();
}

QWidget *KeyringDialog::createListPane()
{
    auto *box = new QGroupBox(QStringLiteral("Public keys"), this);
    m_list = new QListWidget(box);
    m_list->setObjectName(QStringLiteral("keyList"));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    connect(m_list, &QListWidget::currentRowChanged, this, &KeyringDialog::updateSelection);
    m_details = selectableLabel(QStringLiteral("keyDetails"), box);
    m_rename = button(QStringLiteral("Rename\u2026"), QStringLiteral("renameKeyButton"), box);
    m_remove = button(QStringLiteral("Remove"), QStringLiteral("removeKeyButton"), box);
    connect(m_rename, &QPushButton::clicked, this, &KeyringDialog::renameSelected);
    connect(m_remove, &QPushButton::clicked, this, &KeyringDialog::removeSelected);

    auto *row = new QHBoxLayout;
    row->addWidget(m_rename);
    row->addWidget(m_remove);
    row->addStretch(1);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_details);
    layout->addLayout(row);
    return box;
}

QWidget *KeyringDialog::createTestPane()
{
    auto *box = new QGroupBox(QStringLiteral("Test a key"), this);
    m_subject = selectableLabel(QStringLiteral("testSubjectLabel"), box);
    m_test = button(QStringLiteral("Test against selected delivery"),
                    QStringLiteral("testKeyButton"), box);
    m_test->setToolTip(QStringLiteral("Verify the selected delivery's body with the selected key "
                                      "only, now"));
    connect(m_test, &QPushButton::clicked, this, &KeyringDialog::testSelectedKey);
    m_banner->setObjectName(QStringLiteral("keyTestBanner"));
    m_banner->setParent(box);

    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_subject);
    layout->addWidget(m_test, 0, Qt::AlignLeft);
    layout->addWidget(m_banner);
    layout->addStretch(1);
    return box;
}

QWidget *KeyringDialog::createAddPane()
{
    auto *box = new QGroupBox(QStringLiteral("Add a key"), this);
    m_nameEdit = new QLineEdit(box);
    m_nameEdit->setObjectName(QStringLiteral("keyNameEdit"));
    m_nameEdit->setPlaceholderText(QStringLiteral("Name, e.g. the app's name"));
    m_pemEdit = new FileDropTextEdit(box);
    m_pemEdit->setObjectName(QStringLiteral("keyPemEdit"));
    m_pemEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_pemEdit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_pemEdit->setTabChangesFocus(true);
    m_pemEdit->setPlaceholderText(
        QStringLiteral("-----BEGIN PUBLIC KEY-----\nThe app's public key, from the Wix app "
                       "dashboard\n-----END PUBLIC KEY-----\n\nOr drop a file here."));
    connect(m_pemEdit, &FileDropTextEdit::fileLoaded, this, [this](const QString &path) {
        if (m_nameEdit->text().trimmed().isEmpty())
            m_nameEdit->setText(QFileInfo(path).completeBaseName());
    });
    auto *load =
        button(QStringLiteral("Load file\u2026"), QStringLiteral("loadKeyFileButton"), box);
    connect(load, &QPushButton::clicked, this, &KeyringDialog::chooseKeyFile);
    auto *add = button(QStringLiteral("Add key"), QStringLiteral("addKeyButton"), box);
    connect(add, &QPushButton::clicked, this, &KeyringDialog::addKeyFromFields);
    m_addStatus = selectableLabel(QStringLiteral("addKeyStatus"), box);

    auto *row = new QHBoxLayout;
    row->addWidget(m_nameEdit, 1);
    row->addWidget(load);
    row->addWidget(add);
    auto *layout = new QVBoxLayout(box);
    layout->addLayout(row);
    layout->addWidget(m_pemEdit, 1);
    layout->addWidget(m_addStatus);
    return box;
}

void KeyringDialog::reloadList()
{
    const int row = m_list->currentRow();
    m_list->clear();
    for (const KeyringStore::Entry &entry : m_store->entries()) {
        auto *item = new QListWidgetItem(entry.name, m_list);
        item->setToolTip(
            plainToolTip(QStringLiteral("SHA-256 ") + entry.key.key.sha256Fingerprint()));
    }
    m_list->setCurrentRow(qMin(row < 0 ? 0 : row, m_list->count() - 1));
    updateSelection();
}

int KeyringDialog::selectedRow() const
{
    return m_list->currentRow();
}

void KeyringDialog::selectRow(int row)
{
    m_list->setCurrentRow(row);
}

void KeyringDialog::updateSelection()
{
    const int row = m_list->currentRow();
    const bool selected = row >= 0 && row < m_store->size();
    m_rename->setEnabled(selected);
    m_remove->setEnabled(selected);
    m_test->setEnabled(selected && m_hasSubject);
    if (!selected) {
        m_details->setText(m_store->size() == 0
                               ? QStringLiteral("No keys yet: deliveries are decoded but not "
                                                "verified. Add your app's public key below.")
                               : QString());
        return;
    }
    const KeyringStore::Entry &entry = m_store->entries().at(row);
    m_details->setText(QStringLiteral("RSA %1-bit, given as %2\nSHA-256 %3")
                           .arg(QString::number(entry.key.key.bits()),
                                keyFormatName(entry.key.format),
                                entry.key.key.sha256Fingerprint()));
}

void KeyringDialog::setStatus(QLabel *label, const QString &text, bool error)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, error ? QColor(0xc9, 0x2a, 0x2a)
                                                 : this->palette().color(QPalette::WindowText));
    label->setPalette(palette);
    label->setText(text);
}

bool KeyringDialog::addKeyFromFields()
{
    QString error;
    QStringList warnings;
    const QString name = m_nameEdit->text().trimmed();
    if (!m_store->add(name, m_pemEdit->toPlainText().toUtf8(), &error, &warnings)) {
        setStatus(m_addStatus, error, true);
        return false;
    }
    setStatus(m_addStatus,
              warnings.isEmpty()
                  ? QStringLiteral("Added \"%1\".").arg(name)
                  : QStringLiteral("Added \"%1\". %2").arg(name, warnings.join(QLatin1Char(' '))),
              false);
    m_nameEdit->clear();
    m_pemEdit->clear();
    m_list->setCurrentRow(m_store->indexOf(name));
    return true;
}

void KeyringDialog::chooseKeyFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, QStringLiteral("Load public key"), QString(),
        QStringLiteral("Keys (*.pem *.pub *.crt *.cer *.key *.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!m_pemEdit->loadFile(path, &error))
        setStatus(m_addStatus, error, true);
}

void KeyringDialog::renameSelected()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_store->size())
        return;
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, QStringLiteral("Rename key"), QStringLiteral("Name:"),
                              QLineEdit::Normal, m_store->entries().at(row).name, &ok);
    if (!ok)
        return;
    QString error;
    if (!m_store->rename(row, name, &error))
        setStatus(m_addStatus, error, true);
}

void KeyringDialog::removeSelected()
{
    m_store->remove(m_list->currentRow());
}

void KeyringDialog::setTestSubject(const QString &description, const QByteArray &body)
{
    m_hasSubject = true;
    m_subjectBody = body;
    m_subject->setText(QStringLiteral("Selected delivery: ") + description);
    updateSelection();
}

void KeyringDialog::clearTestSubject()
{
    m_hasSubject = false;
    m_subjectBody.clear();
    m_subject->setText(QStringLiteral("Select a delivery in the main window's list to test a key "
                                      "against it."));
    m_banner->setVerdict(VerdictBanner::State::Idle, QString(), QString());
    updateSelection();
}

void KeyringDialog::testSelectedKey()
{
    const int row = m_list->currentRow();
    if (!m_hasSubject || row < 0 || row >= m_store->size())
        return;
    Keyring single;
    single.add(m_store->entries().at(row).key);
    const TokenInspection inspection = inspectToken(m_subjectBody, JwtVerifier(single));
    const Verdict &verdict = inspection.verdict;
    m_banner->setVerdict(VerdictBanner::stateFor(verdict.status()), reasonCode(verdict.reason),
                         verdict.message, verdict.warnings);
}

VerdictBanner::State KeyringDialog::testVerdictState() const
{
    return m_banner->state();
}

QString KeyringDialog::testVerdictText() const
{
    return m_banner->text();
}
