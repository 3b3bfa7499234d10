#pragma once

#include <QWidget>

class QAction;

// What the main window shows until deliveries arrive: what Hookscope can do
// in this build and how to get there.
class WelcomePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WelcomePage)

public:
    // validateAction: the Tools > Validate JWT action, offered as a button.
    explicit WelcomePage(QAction *validateAction, QWidget *parent = nullptr);
};
