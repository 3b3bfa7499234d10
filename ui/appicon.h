#pragma once

#include <QIcon>

// Hookscope's icon, from the resources (PNGs: this Qt may have no SVG plugin).
QIcon hookscopeIcon();
