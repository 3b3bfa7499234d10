#pragma once

#include "filter/deliveryfilter.h"

#include <QLineEdit>

class QTimer;

// The filter bar: DeliveryFilter's language, parsed as you type. Bad terms are
// underlined in place and the field turns red, with the error and its position in
// errorText() and the tooltip; the filter (bad terms left out) follows after a pause.
class FilterLineEdit final : public QLineEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FilterLineEdit)

public:
    static constexpr int kDebounceMs = 150;

    explicit FilterLineEdit(QWidget *parent = nullptr);

    const DeliveryFilter &filter() const { return m_filter; }
    bool hasErrors() const { return !m_filter.isValid(); }
    // The errors in words, one line each, e.g. `column 1: unknown field "x"; known: ...`.
    QString errorText() const;

    // `field:value` with the value quoted when it holds spaces; empty when the value
    // cannot be written in the filter language (it holds a double quote).
    static QString term(const QString &field, const QString &value);

public slots:
    // Appends a term (replacing an equal one) and applies the filter at once.
    void addTerm(const QString &term);
    void applyNow();

signals:
    void filterChanged(const DeliveryFilter &filter);
    void errorsChanged(const QString &errorText);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void parseText();
    void markErrors();

    DeliveryFilter m_filter;
    QTimer *m_debounce;
    QPalette m_normalPalette;
};
