#pragma once

#include <QString>

class QWidget;

// A modal warning whose text shows literally (QMessageBox otherwise guesses rich text, and
// the text can hold what a payload or a file said).
void warnPlain(QWidget *parent, const QString &title, const QString &text);
