#include "filedroptextedit.h"

#include <QDropEvent>
#include <QFile>
#include <QFileInfo>
#include <QMimeData>
#include <QTextCursor>
#include <QUrl>

namespace {
QString firstLocalFile(const QMimeData *source)
{
    if (!source || !source->hasUrls())
        return {};
    for (const QUrl &url : source->urls()) {
        if (url.isLocalFile())
            return url.toLocalFile();
    }
    return {};
}
} // namespace

FileDropTextEdit::FileDropTextEdit(QWidget *parent)
    : QPlainTextEdit(parent)
{}

bool FileDropTextEdit::loadFile(const QString &path, QString *error)
{
    const QString name = QFileInfo(path).fileName();
    const auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        emit fileRejected(message);
        return false;
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("Cannot open %1: %2").arg(name, file.errorString()));
    if (file.size() > kMaxFileBytes)
        return fail(QStringLiteral("%1 is too large (%2 bytes); a token or key is a few KB.")
                        .arg(name)
                        .arg(file.size()));
    const QByteArray bytes = file.read(kMaxFileBytes + 1);
    if (bytes.contains('\0'))
        return fail(QStringLiteral("%1 is not a text file.").arg(name));
    replaceText(QString::fromUtf8(bytes));
    m_sourceFile = path;
    m_sourceText = toPlainText();
    emit fileLoaded(path);
    return true;
}

bool FileDropTextEdit::canInsertFromMimeData(const QMimeData *source) const
{
    return !firstLocalFile(source).isEmpty() || (source && source->hasText());
}

void FileDropTextEdit::insertFromMimeData(const QMimeData *source)
{
    const QString file = firstLocalFile(source);
    if (!file.isEmpty()) {
        loadFile(file);
        return;
    }
    // Plain text only: a rich-text clipboard must not bring markup along.
    if (source && source->hasText())
        insertPlainText(source->text());
}

void FileDropTextEdit::dropEvent(QDropEvent *event)
{
    const QMimeData *source = event->mimeData();
    const bool external = event->source() != this && event->source() != viewport();
    if (external && firstLocalFile(source).isEmpty() && source->hasText()) {
        // A dropped token or key replaces the one there: inserting it into the middle of
        // another would only make a broken one.
        replaceText(source->text());
        event->acceptProposedAction();
        return;
    }
    QPlainTextEdit::dropEvent(event);
}

void FileDropTextEdit::replaceText(const QString &text)
{
    QTextCursor cursor(document());
    cursor.select(QTextCursor::Document);
    cursor.insertText(text); // one undo step, unlike setPlainText(), which clears the history
    setTextCursor(QTextCursor(document()));
}

QString FileDropTextEdit::sourceFile() const
{
    return !m_sourceFile.isEmpty() && toPlainText() == m_sourceText ? m_sourceFile : QString();
}
