#include "filterlineedit.h"

#include "errorcolours.h"
#include "plaintooltip.h"

#include <QCoreApplication>
#include <QInputMethodEvent>
#include <QKeyEvent>
#include <QTextCharFormat>
#include <QTimer>

FilterLineEdit::FilterLineEdit(QWidget *parent)
    : QLineEdit(parent)
    , m_debounce(new QTimer(this))
    , m_normalPalette(palette())
{
    setPlaceholderText(
        QStringLiteral("Filter (Ctrl+F): words, type:  instance:  entity:  "
                       "identity:  sig:valid|invalid|none  status:5*  -type:\u2026"));
    setClearButtonEnabled(true);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &FilterLineEdit::applyNow);
    connect(this, &QLineEdit::textChanged, this, &FilterLineEdit::parseText);
    connect(this, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
}

QString FilterLineEdit::term(const QString &field, const QString &value)
{
    if (value.isEmpty() || value.contains(QLatin1Char('"')))
        return QString();
    bool needsQuotes = false;
    for (const QChar c : value)
        needsQuotes = needsQuotes || c.isSpace();
    return field + QLatin1Char(':') +
           (needsQuotes ? QLatin1Char('"') + value + QLatin1Char('"') : value);
}

QString FilterLineEdit::errorText() const
{
    QStringList lines;
    for (const DeliveryFilter::Error &error : m_filter.errors()) {
        lines << QStringLiteral("column %1: %2 (\"%3\")")
                     .arg(error.start + 1)
                     .arg(error.message, text().mid(error.start, error.length));
    }
    return lines.join(QLatin1Char('\n'));
}

void FilterLineEdit::addTerm(const QString &term)
{
    if (term.isEmpty())
        return;
    QString current = text().trimmed();
    if (!current.split(QLatin1Char(' '), Qt::SkipEmptyParts).contains(term))
        current = current.isEmpty() ? term : current + QLatin1Char(' ') + term;
    setText(current);
    applyNow();
}

void FilterLineEdit::applyNow()
{
    m_debounce->stop();
    emit filterChanged(m_filter);
}

void FilterLineEdit::parseText()
{
    const bool hadErrors = hasErrors();
    const QString before = hadErrors ? errorText() : QString();
    m_filter = DeliveryFilter::parse(text());
    markErrors();
    const QString after = errorText();
    if (after != before)
        emit errorsChanged(after);
}

void FilterLineEdit::markErrors()
{
    // QLineEdit has no public API for formats: an input-method event with no text
    // and TextFormat attributes (relative to the cursor) sets them on its layout.
    QList<QInputMethodEvent::Attribute> attributes;
    QTextCharFormat bad;
    bad.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    bad.setUnderlineColor(kErrorColour);
    bad.setForeground(kErrorColour);
    for (const DeliveryFilter::Error &error : m_filter.errors()) {
        attributes.append(QInputMethodEvent::Attribute(
            QInputMethodEvent::TextFormat, error.start - cursorPosition(), error.length, bad));
    }
    QInputMethodEvent event(QString(), attributes);
    QCoreApplication::sendEvent(this, &event);

    QPalette shown = m_normalPalette;
    if (hasErrors())
        shown.setColor(QPalette::Base, kErrorBackground);
    setPalette(shown);
    setProperty("filterError", hasErrors());
    setToolTip(hasErrors() ? plainToolTip(QStringLiteral("Ignored:\n") + errorText()) : QString());
}

void FilterLineEdit::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        applyNow();
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Escape && !text().isEmpty()) {
        clear();
        applyNow();
        event->accept();
        return;
    }
    QLineEdit::keyPressEvent(event);
}
