#pragma once

#include <QString>

// Tooltips are rich text whenever Qt guesses so: text from a payload is escaped
// and the guess made certain with a <p>, so "<b>" shows as "<b>". Long text is cut.
QString plainToolTip(const QString &text);
