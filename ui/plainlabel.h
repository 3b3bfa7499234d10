#pragma once

#include <QString>

class QLabel;
class QWidget;

// Labels that show their text literally, never as rich text: what they show can come from a
// payload, a key file or a server's answer, and may hold markup.

// A plain-text label named `objectName` (tests and style sheets find it by that name).
QLabel *plainLabel(const QString &objectName, QWidget *parent);

// The same, word-wrapped and selectable with the mouse: for messages and details that users
// read in full and copy.
QLabel *selectableLabel(const QString &objectName, QWidget *parent);
