#pragma once

#include <QWidget>

// Explains the delivery list's row colours: a swatch, a title and a plain-text
// description per category, in the order the rules apply.
class FlagsLegend final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FlagsLegend)

public:
    explicit FlagsLegend(QWidget *parent = nullptr);

    // The legend as plain text, one "Title: description" line per category.
    static QString legendText();
};
