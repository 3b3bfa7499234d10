#include "mainwindow.h"

#include "appicon.h"
#include "jwtvalidatordialog.h"
#include "welcomepage.h"

#include <QAction>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>

namespace {
// Developer aid, used by scripts/screenshot: open the validator at start with a
// token and a key read from these files.
constexpr char kTokenFileVariable[] = "HOOKSCOPE_VALIDATE_TOKEN_FILE";
constexpr char kKeyFileVariable[] = "HOOKSCOPE_VALIDATE_KEY_FILE";
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("Hookscope"));
    setWindowIcon(hookscopeIcon());
    createMenus();
    setCentralWidget(new WelcomePage(m_validateJwt, this));
    statusBar()->showMessage(QStringLiteral("Ready. Press Ctrl+J to validate a webhook token."));

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray()))
        resize(960, 640);
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());

    const QString tokenFile = qEnvironmentVariable(kTokenFileVariable);
    const QString keyFile = qEnvironmentVariable(kKeyFileVariable);
    if (!tokenFile.isEmpty() || !keyFile.isEmpty()) {
        QTimer::singleShot(0, this,
                           [this, tokenFile, keyFile] { openValidatorWith(tokenFile, keyFile); });
    }
}

MainWindow::~MainWindow() = default;

JwtValidatorDialog *MainWindow::validatorDialog() const
{
    return m_validator;
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(QStringLiteral("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    QAction *quit = file->addAction(QStringLiteral("&Quit"));
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu *tools = menuBar()->addMenu(QStringLiteral("&Tools"));
    tools->setObjectName(QStringLiteral("toolsMenu"));
    m_validateJwt = tools->addAction(QStringLiteral("&Validate JWT\u2026"));
    m_validateJwt->setObjectName(QStringLiteral("validateJwtAction"));
    m_validateJwt->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_J));
    m_validateJwt->setStatusTip(
        QStringLiteral("Check a webhook token's signature against your app's public key"));
    connect(m_validateJwt, &QAction::triggered, this, &MainWindow::openValidator);

    QMenu *help = menuBar()->addMenu(QStringLiteral("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    QAction *about = help->addAction(QStringLiteral("&About Hookscope"));
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::openValidator()
{
    if (!m_validator)
        m_validator = new JwtValidatorDialog(this);
    m_validator->show();
    m_validator->raise();
    m_validator->activateWindow();
}

void MainWindow::openValidatorWith(const QString &tokenFile, const QString &keyFile)
{
    openValidator();
    QStringList problems;
    QString error;
    if (!tokenFile.isEmpty() && !m_validator->loadTokenFile(tokenFile, &error))
        problems << error;
    if (!keyFile.isEmpty() && !m_validator->loadKeyFile(keyFile, &error))
        problems << error;
    m_validator->revalidateNow();
    if (!problems.isEmpty())
        statusBar()->showMessage(problems.join(QLatin1Char(' ')));
}

void MainWindow::showAbout()
{
    QMessageBox box(this);
    box.setWindowTitle(QStringLiteral("About Hookscope"));
    box.setIconPixmap(hookscopeIcon().pixmap(64, 64));
    box.setTextFormat(Qt::PlainText);
    const QString version = QCoreApplication::applicationVersion();
    box.setText(version.isEmpty() ? QStringLiteral("Hookscope")
                                  : QStringLiteral("Hookscope %1").arg(version));
    box.setInformativeText(
        QStringLiteral("A desktop inspector for Wix webhooks: it checks a webhook token's RS256 "
                       "signature against your app's public key, explains why one is rejected, "
                       "and decodes the event inside, strings of JSON included."));
    box.exec();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    if (m_validator)
        m_validator->close();
    QMainWindow::closeEvent(event);
}
