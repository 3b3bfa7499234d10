#pragma once

#include "verdictbanner.h"

#include <QDialog>

class FileDropTextEdit;
class KeyringStore;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

// Tools > Keys: the public keys live capture verifies against. Add (paste, drop
// or load a file), rename and remove keys, and test one against the delivery
// selected in the main window.
class KeyringDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyringDialog)

public:
    explicit KeyringDialog(KeyringStore *store, QWidget *parent = nullptr);

    // The delivery "Test against selected delivery" checks; description names it.
    void setTestSubject(const QString &description, const QByteArray &body);
    void clearTestSubject();
    int selectedRow() const;
    void selectRow(int row);
    VerdictBanner::State testVerdictState() const;
    QString testVerdictText() const;

public slots:
    // Adds the key in the name and text fields; says why not when it cannot.
    bool addKeyFromFields();
    void chooseKeyFile();
    void renameSelected();
    void removeSelected();
    void testSelectedKey();

private:
    QWidget *createListPane();
    QWidget *createTestPane();
    QWidget *createAddPane();
    void reloadList();
    void updateSelection();
    void setStatus(QLabel *label, const QString &text, bool error);

    KeyringStore *m_store;
    QListWidget *m_list;
    QLabel *m_details;
    QPushButton *m_rename;
    QPushButton *m_remove;
    QLabel *m_subject;
    QPushButton *m_test;
    VerdictBanner *m_banner;
    QLineEdit *m_nameEdit;
    FileDropTextEdit *m_pemEdit;
    QLabel *m_addStatus;
    QByteArray m_subjectBody;
    bool m_hasSubject = false;
};
