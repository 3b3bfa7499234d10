#include "formlabel.h"

#include <QLabel>

QLabel *formLabel(const QString &text, QWidget *field)
{
    auto *label = new QLabel(text, field->parentWidget());
    label->setTextFormat(Qt::PlainText);
    label->setBuddy(field);
    return label;
}
