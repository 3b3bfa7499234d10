#include "flagslegend.h"

#include "analysisflagstyle.h"

#include <QGridLayout>
#include <QLabel>
#include <QPainter>
#include <QPixmap>

namespace {
QPixmap swatch(AnalysisFlagStyle::Category category)
{
    QPixmap pixmap(28, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    const QColor background = AnalysisFlagStyle::rowBackground(category);
    painter.setPen(QColor(0x90, 0x90, 0x90));
    painter.setBrush(background.isValid() ? QBrush(background) : QBrush(Qt::white));
    painter.drawRect(QRect(0, 0, 27, 15));
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(AnalysisFlagStyle::markColor(category));
    painter.drawEllipse(QRectF(10, 4, 8, 8));
    return pixmap;
}
} // namespace

FlagsLegend::FlagsLegend(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("flagsLegend"));
    auto *layout = new QGridLayout(this);
    layout->setColumnStretch(2, 1);
    int row = 0;
    for (const auto category : AnalysisFlagStyle::categories()) {
        auto *sample = new QLabel(this);
        sample->setTextFormat(Qt::PlainText);
        sample->setPixmap(swatch(category));
        auto *title = new QLabel(AnalysisFlagStyle::title(category), this);
        title->setTextFormat(Qt::PlainText);
        QFont bold = title->font();
        bold.setBold(true);
        title->setFont(bold);
        auto *description = new QLabel(AnalysisFlagStyle::description(category), this);
        description->setTextFormat(Qt::PlainText);
        description->setWordWrap(true);
        layout->addWidget(sample, row, 0);
        layout->addWidget(title, row, 1);
        layout->addWidget(description, row, 2);
        ++row;
    }
    auto *note = new QLabel(
        QStringLiteral("When several apply, the first in this list colours the row."), this);
    note->setTextFormat(Qt::PlainText);
    note->setWordWrap(true);
    layout->addWidget(note, row, 0, 1, 3);
}

QString FlagsLegend::legendText()
{
    QStringList lines;
    for (const auto category : AnalysisFlagStyle::categories())
        lines << AnalysisFlagStyle::title(category) + QStringLiteral(": ") +
                     AnalysisFlagStyle::description(category);
    return lines.join(QLatin1Char('\n'));
}
