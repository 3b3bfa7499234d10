#include "jsoneditor.h"

#include "errorcolours.h"

#include <QFontDatabase>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QVBoxLayout>

JsonEditor::JsonEditor(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QPlainTextEdit(this))
    , m_errorLabel(new QLabel(this))
{
    m_edit->setObjectName(QStringLiteral("jsonText"));
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_edit->setTabChangesFocus(true);
    m_normalPalette = m_edit->palette();
    m_errorLabel->setObjectName(QStringLiteral("jsonError"));
    m_errorLabel->setTextFormat(Qt::PlainText);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette palette = m_errorLabel->palette();
    palette.setColor(QPalette::WindowText, kErrorColour);
    m_errorLabel->setPalette(palette);
    m_errorLabel->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_errorLabel);
    connect(m_edit, &QPlainTextEdit::textChanged, this, &JsonEditor::validate);
    validate();
}

void JsonEditor::setAllowEmpty(bool allow)
{
    m_allowEmpty = allow;
    validate();
}

void JsonEditor::setObjectCheck(ObjectCheck check)
{
    m_check = std::move(check);
    validate();
}

void JsonEditor::setObject(const QJsonObject &object)
{
    setText(object.isEmpty() && m_allowEmpty
                ? QString()
                : QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)));
}

void JsonEditor::setText(const QString &text)
{
    m_edit->setPlainText(text);
}

QString JsonEditor::text() const
{
    return m_edit->toPlainText();
}

bool JsonEditor::isEmpty() const
{
    return text().trimmed().isEmpty();
}

void JsonEditor::validate()
{
    const bool wasValid = isValid();
    const QString previous = m_error;
    m_error.clear();
    m_object = QJsonObject();
    int errorPosition = -1;
    const QString content = text();
    if (content.trimmed().isEmpty()) {
        if (!m_allowEmpty)
            m_error = QStringLiteral("Empty: a JSON object is needed here.");
    } else {
        const QByteArray utf8 = content.toUtf8();
        QJsonParseError parse;
        const QJsonDocument document = QJsonDocument::fromJson(utf8, &parse);
        if (parse.error != QJsonParseError::NoError) {
            // The parser counts UTF-8 bytes; the editor counts characters.
            errorPosition = int(QString::fromUtf8(utf8.left(parse.offset)).size());
            const QTextBlock block = m_edit->document()->findBlock(errorPosition);
            m_error = QStringLiteral("Invalid JSON at offset %1 (line %2, column %3): %4")
                          .arg(errorPosition)
                          .arg(block.blockNumber() + 1)
                          .arg(errorPosition - block.position() + 1)
                          .arg(parse.errorString());
        } else if (!document.isObject()) {
            m_error = QStringLiteral("Not a JSON object: write it between { and }.");
        } else if (m_check) {
            m_error = m_check(document.object());
        }
        if (m_error.isEmpty())
            m_object = document.object();
    }
    mark(errorPosition);
    if (m_error != previous) {
        m_errorLabel->setText(m_error);
        m_errorLabel->setVisible(!m_error.isEmpty());
    }
    if (wasValid != isValid())
        Q_EMIT validityChanged(isValid());
    Q_EMIT edited();
}

void JsonEditor::mark(int position)
{
    QPalette shown = m_normalPalette;
    if (!isValid())
        shown.setColor(QPalette::Base, kErrorBackground);
    m_edit->setPalette(shown);
    setProperty("jsonError", !isValid());
    QList<QTextEdit::ExtraSelection> selections;
    if (position >= 0) {
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(m_edit->document());
        const int last = qMax(0, m_edit->document()->characterCount() - 1);
        // Underline the character the parser stopped at (the one before, at the end).
        const int at = qBound(0, position >= last ? last - 1 : position, last);
        selection.cursor.setPosition(at);
        selection.cursor.setPosition(qMin(at + 1, last), QTextCursor::KeepAnchor);
        selection.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        selection.format.setUnderlineColor(kErrorColour);
        selection.format.setForeground(kErrorColour);
        selections.append(selection);
    }
    m_edit->setExtraSelections(selections);
}
