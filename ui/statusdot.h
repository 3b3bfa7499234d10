#pragma once

#include <QIcon>

class QColor;

// The coloured dot the list's status columns draw (signature, severity), at 1x and 2x.
QIcon statusDot(const QColor &color);

// The dot's size, for the delegates' decorationSize.
constexpr int kStatusDotPixels = 12;
