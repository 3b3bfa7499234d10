#pragma once

#include <QPlainTextEdit>

// A plain-text editor for a token or a key: a dropped file replaces the text
// with the file's content, dropped text replaces the text too (paste still
// inserts). Never interprets rich text.
class FileDropTextEdit final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileDropTextEdit)

public:
    static constexpr qint64 kMaxFileBytes = 4 * 1024 * 1024;

    explicit FileDropTextEdit(QWidget *parent = nullptr);

    // Replaces the text with the file's; on failure leaves the text and says why.
    bool loadFile(const QString &path, QString *error = nullptr);
    // The file the text came from, until the text is edited; empty otherwise.
    QString sourceFile() const;

signals:
    void fileLoaded(const QString &path);
    void fileRejected(const QString &message);

protected:
    bool canInsertFromMimeData(const QMimeData *source) const override;
    void insertFromMimeData(const QMimeData *source) override;
    void dropEvent(QDropEvent *event) override;

private:
    void replaceText(const QString &text);

    QString m_sourceFile;
    QString m_sourceText; // the text as loaded: an edit makes sourceFile() empty
};
