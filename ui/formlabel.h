#pragma once

#include <QString>

class QLabel;
class QWidget;

// A form row's label in plain text (QFormLayout's own labels interpret rich
// text), with `field` as its buddy.
QLabel *formLabel(const QString &text, QWidget *field);
