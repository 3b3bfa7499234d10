#pragma once

#include <QWidget>

class QAction;

// What the main window's detail area shows while no delivery is selected: what
// Hookscope can do and how to get there.
class WelcomePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WelcomePage)

public:
    // validateAction: the Tools > Validate JWT action, offered as a button.
    explicit WelcomePage(QAction *validateAction, QWidget *parent = nullptr);
};
