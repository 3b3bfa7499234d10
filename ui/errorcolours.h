#pragma once

#include <QColor>

// How the window marks what is wrong: text in red, a field's background in pale red.
inline const QColor kErrorColour(0xc9, 0x2a, 0x2a);
inline const QColor kErrorBackground(0xff, 0xe3, 0xe3);
