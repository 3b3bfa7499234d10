#include "mainwindow.h"

#include "analysisdocks.h"
#include "analysismodels.h"
#include "appicon.h"
#include "capturesession.h"
#include "capturestatusbar.h"
#include "deliverytableview.h"
#include "exchangeactions.h"
#include "jwtvalidatordialog.h"
#include "keyringdialog.h"
#include "keyringstore.h"
#include "listensettingsdialog.h"
#include "livecaptureview.h"
#include "models/deliverylistmodel.h"
#include "models/expertinfomodel.h"
#include "plainmessage.h"
#include "responsemenu.h"
#include "sendpanel.h"
#include "store/sessionlocations.h"
#include "welcomepage.h"

#include <QAction>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QTimer>

#include <memory>

namespace {
// Messages quote paths and SQLite's errors: never rich text.
// Developer aid, used by scripts/screenshot: open the validator at start with a
// token and a key read from these files.
constexpr char kTokenFileVariable[] = "HOOKSCOPE_VALIDATE_TOKEN_FILE";
constexpr char kKeyFileVariable[] = "HOOKSCOPE_VALIDATE_KEY_FILE";
// The same, to select a delivery (by seq) once the session has loaded.
constexpr char kSelectVariable[] = "HOOKSCOPE_SELECT_DELIVERY";
constexpr int kFailureMessageMs = 15000;

CaptureOptions captureOptions(const MainWindowOptions &options)
{
    CaptureOptions capture;
    capture.host = options.host;
    capture.port = options.port;
    return capture;
}
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : MainWindow(MainWindowOptions::fromSettings(), parent)
{}

MainWindow::MainWindow(const MainWindowOptions &options, QWidget *parent)
    : QMainWindow(parent)
    , m_keyring(new KeyringStore(this))
    , m_session(new CaptureSession(m_keyring, this))
    , m_live(new LiveCaptureView(m_session, this))
    , m_statusBar(new CaptureStatusBar(this))
    , m_analysisDocks(new AnalysisDocks(m_session->analysis(), this))
    , m_sendPanel(new SendPanel(this))
    , m_exchange(new ExchangeActions(m_session, m_live, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(hookscopeIcon());
    addDockWidget(Qt::RightDockWidgetArea, m_sendPanel);
    m_sendPanel->hide();
    createMenus();
    m_live->setPlaceholder(new WelcomePage(m_validateJwt, m_live));
    setCentralWidget(m_live);
    setStatusBar(m_statusBar);

    connect(m_session, &CaptureSession::sessionChanged, this, &MainWindow::updateTitle);
    connect(m_session, &CaptureSession::listeningChanged, this, &MainWindow::showListening);
    connect(m_session, &CaptureSession::countsChanged, this, &MainWindow::updateCounts);
    connect(m_session, &CaptureSession::arrived, m_statusBar, &CaptureStatusBar::noteArrivals);
    connect(m_session, &CaptureSession::storeFailed, this, &MainWindow::showStoreFailure);
    connect(m_live, &LiveCaptureView::currentDeliveryChanged, this,
            &MainWindow::updateKeyringSubject);
    // One selection for every view: the list's current delivery.
    connect(m_live, &LiveCaptureView::currentDeliveryChanged, this,
            [this] { m_analysisDocks->selectDelivery(m_live->currentSeq()); });
    connect(m_live, &LiveCaptureView::deliveryRequested, this, &MainWindow::goToDelivery);
    connect(m_analysisDocks, &AnalysisDocks::deliverySelected, this, &MainWindow::goToDelivery);
    connect(m_session->analysis()->expertInfo(), &ExpertInfoModel::countsChanged, this,
            &MainWindow::updateFindings);
    connect(m_statusBar, &CaptureStatusBar::expertInfoRequested, m_analysisDocks,
            &AnalysisDocks::showExpertInfo);
    connect(m_exchange, &ExchangeActions::message, m_statusBar,
            [this](const QString &text) { m_statusBar->showMessage(text, kFailureMessageMs); });

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray()))
        resize(1280, 820);
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());

    const QString path = options.sessionPath.isEmpty() ? SessionLocations::defaultSessionPath()
                                                       : options.sessionPath;
    QString error;
    if (!m_session->open(path, captureOptions(options), &error))
        showStoreFailure(error);
    updateTitle();
    showListening(m_session->isListening());
    updateCounts();
    updateFindings();

    const qint64 select = qEnvironmentVariable(kSelectVariable).toLongLong();
    if (select > 0) {
        auto once = std::make_shared<QMetaObject::Connection>();
        *once = connect(m_session, &CaptureSession::loadingChanged, this,
                        [this, select, once](bool loading) {
                            if (loading)
                                return;
                            disconnect(*once);
                            m_live->selectSeq(select);
                        });
    }

    const QString tokenFile = qEnvironmentVariable(kTokenFileVariable);
    const QString keyFile = qEnvironmentVariable(kKeyFileVariable);
    if (!tokenFile.isEmpty() || !keyFile.isEmpty()) {
        QTimer::singleShot(0, this,
                           [this, tokenFile, keyFile] { openValidatorWith(tokenFile, keyFile); });
    }
}

MainWindow::~MainWindow()
{
    // The views show the session's models: they go first, then the session.
    qDeleteAll(m_analysisDocks->docks());
    delete m_live;
    delete m_session;
}

JwtValidatorDialog *MainWindow::validatorDialog() const
{
    return m_validator;
}

KeyringDialog *MainWindow::keyringDialog() const
{
    return m_keyringDialog;
}

void MainWindow::createMenus()
{
    createFileMenu();
    createCaptureMenu();
    createViewMenu();

    m_responseMenu = new ResponseMenu(&m_session->policy(), this);
    menuBar()->addMenu(m_responseMenu);
    connect(m_responseMenu, &ResponseMenu::changed, this, &MainWindow::updateCounts);

    QMenu *tools = menuBar()->addMenu(QStringLiteral("&Tools"));
    tools->setObjectName(QStringLiteral("toolsMenu"));
    tools->addAction(m_sendPanel->toggleViewAction());
    tools->addAction(m_exchange->replayAction());
    m_validateJwt = tools->addAction(QStringLiteral("&Validate JWT\u2026"));
    m_validateJwt->setObjectName(QStringLiteral("validateJwtAction"));
    m_validateJwt->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_J));
    m_validateJwt->setStatusTip(
        QStringLiteral("Check a webhook token's signature against your app's public key"));
    connect(m_validateJwt, &QAction::triggered, this, &MainWindow::openValidator);
    m_keys = tools->addAction(QStringLiteral("&Keys\u2026"));
    m_keys->setObjectName(QStringLiteral("keysAction"));
    m_keys->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    m_keys->setStatusTip(QStringLiteral("The public keys deliveries are verified against"));
    connect(m_keys, &QAction::triggered, this, &MainWindow::openKeyring);

    QMenu *help = menuBar()->addMenu(QStringLiteral("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    QAction *about = help->addAction(QStringLiteral("&About Hookscope"));
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createFileMenu()
{
    QMenu *file = menuBar()->addMenu(QStringLiteral("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    QAction *newSession = file->addAction(QStringLiteral("&New session\u2026"));
    newSession->setObjectName(QStringLiteral("newSessionAction"));
    newSession->setShortcut(QKeySequence::New);
    connect(newSession, &QAction::triggered, this, &MainWindow::newSession);
    QAction *open = file->addAction(QStringLiteral("&Open session\u2026"));
    open->setObjectName(QStringLiteral("openSessionAction"));
    open->setShortcut(QKeySequence::Open);
    connect(open, &QAction::triggered, this, &MainWindow::openSession);
    QAction *saveAs = file->addAction(QStringLiteral("Save session &as\u2026"));
    saveAs->setObjectName(QStringLiteral("saveSessionAsAction"));
    saveAs->setShortcut(QKeySequence::SaveAs);
    connect(saveAs, &QAction::triggered, this, &MainWindow::saveSessionAs);
    file->addSeparator();
    file->addAction(m_exchange->importAction());
    file->addAction(m_exchange->exportAction());
    file->addSeparator();
    QAction *quit = file->addAction(QStringLiteral("&Quit"));
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &QWidget::close);
}

void MainWindow::createCaptureMenu()
{
    QMenu *capture = menuBar()->addMenu(QStringLiteral("&Capture"));
    capture->setObjectName(QStringLiteral("captureMenu"));
    capture->addAction(m_live->pauseAction());
    capture->addAction(m_live->followAction());
    capture->addAction(m_live->clearAction());
    capture->addSeparator();
    capture->addAction(m_live->compareAction());

    // The list's context menu: what applies to the selected rows.
    DeliveryTableView *table = m_live->table();
    table->setContextMenuPolicy(Qt::ActionsContextMenu);
    table->addAction(m_exchange->copyAsCurlAction());
    table->addAction(m_exchange->exportSelectedAction());
    table->addAction(m_exchange->replaySelectedAction());
    auto *separator = new QAction(table);
    separator->setSeparator(true);
    table->addAction(separator);
    table->addAction(m_live->compareAction());
    capture->addSeparator();
    m_focusFilter = capture->addAction(QStringLiteral("&Filter"));
    m_focusFilter->setObjectName(QStringLiteral("focusFilterAction"));
    m_focusFilter->setShortcut(QKeySequence::Find);
    connect(m_focusFilter, &QAction::triggered, m_live, &LiveCaptureView::focusFilter);
    capture->addSeparator();
    QAction *listen = capture->addAction(QStringLiteral("&Listen address\u2026"));
    listen->setObjectName(QStringLiteral("listenSettingsAction"));
    connect(listen, &QAction::triggered, this, &MainWindow::editListenAddress);
}

void MainWindow::createViewMenu()
{
    m_viewMenu = menuBar()->addMenu(QStringLiteral("&View"));
    m_viewMenu->setObjectName(QStringLiteral("viewMenu"));
    for (QDockWidget *dock : m_analysisDocks->docks()) {
        QAction *toggle = dock->toggleViewAction();
        toggle->setObjectName(dock->objectName() + QStringLiteral("Action"));
        m_viewMenu->addAction(toggle);
    }
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_sendPanel->toggleViewAction());
}

void MainWindow::updateFindings()
{
    const ExpertInfoModel *model = m_session->analysis()->expertInfo();
    m_statusBar->setFindings(model->countsText(), model->count(Severity::Error),
                             model->count(Severity::Warning));
}

bool MainWindow::goToDelivery(qint64 seq)
{
    if (seq <= 0)
        return false;
    if (m_live->selectSeq(seq))
        return true;
    m_statusBar->showMessage(
        QStringLiteral("Delivery #%1 is hidden by the filter (or still paused).").arg(seq),
        kFailureMessageMs);
    return false;
}

void MainWindow::updateTitle()
{
    const QString name = QFileInfo(m_session->sessionPath()).completeBaseName();
    setWindowTitle(name.isEmpty() ? QStringLiteral("Hookscope")
                                  : QStringLiteral("%1 \u2014 Hookscope").arg(name));
}

void MainWindow::updateCounts()
{
    DeliveryListModel *model = m_session->model();
    m_statusBar->setCounts(model->rowCount(), m_session->bufferedCount(), model->invalidCount());
    m_statusBar->setResponseSummary(m_responseMenu->summary());
}

void MainWindow::showListening(bool listening)
{
    m_statusBar->setListening(listening ? m_session->url() : QUrl());
    m_sendPanel->setDefaultTarget(listening ? m_session->url() : QUrl());
}

void MainWindow::showStoreFailure(const QString &reason)
{
    m_statusBar->showMessage(QStringLiteral("Session: %1").arg(reason), kFailureMessageMs);
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

void MainWindow::openKeyring()
{
    if (!m_keyringDialog)
        m_keyringDialog = new KeyringDialog(m_keyring, this);
    updateKeyringSubject();
    m_keyringDialog->show();
    m_keyringDialog->raise();
    m_keyringDialog->activateWindow();
}

void MainWindow::updateKeyringSubject()
{
    if (!m_keyringDialog)
        return;
    const std::optional<Delivery> &delivery = m_live->currentDelivery();
    if (!delivery) {
        m_keyringDialog->clearTestSubject();
        return;
    }
    const QString target = delivery->query.isEmpty()
                               ? delivery->path
                               : delivery->path + QLatin1Char('?') + delivery->query;
    m_keyringDialog->setTestSubject(
        QStringLiteral("#%1 %2 %3").arg(QString::number(delivery->seq), delivery->method, target),
        delivery->body);
}

QString MainWindow::chooseSessionFile(const QString &title, bool forSaving)
{
    const QString filter = QStringLiteral("Hookscope sessions (*.%1);;All files (*)")
                               .arg(SessionLocations::fileSuffix());
    const QString folder = SessionLocations::dataFolder();
    QString path = forSaving ? QFileDialog::getSaveFileName(this, title, folder, filter)
                             : QFileDialog::getOpenFileName(this, title, folder, filter);
    if (forSaving && !path.isEmpty() && QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + SessionLocations::fileSuffix();
    return path;
}

void MainWindow::newSession()
{
    const QString path = chooseSessionFile(QStringLiteral("New session"), true);
    if (path.isEmpty())
        return;
    QString error;
    if (!m_session->startNew(path, &error))
        warnPlain(this, QStringLiteral("New session"), error);
}

void MainWindow::openSession()
{
    const QString path = chooseSessionFile(QStringLiteral("Open session"), false);
    if (path.isEmpty())
        return;
    QString error;
    if (!m_session->open(path, m_session->options(), &error))
        warnPlain(this, QStringLiteral("Open session"), error);
}

void MainWindow::saveSessionAs()
{
    const QString path = chooseSessionFile(QStringLiteral("Save session as"), true);
    if (path.isEmpty())
        return;
    QString error;
    if (!m_session->saveAs(path, &error))
        warnPlain(this, QStringLiteral("Save session as"), error);
}

void MainWindow::editListenAddress()
{
    ListenSettingsDialog dialog(this);
    const CaptureOptions current = m_session->options();
    dialog.setAddress(current.host, current.port);
    dialog.setForwardUrl(current.forwardUrl);
    if (dialog.exec() != QDialog::Accepted)
        return;
    CaptureOptions options = current;
    options.host = dialog.host();
    options.port = dialog.port();
    options.forwardUrl = dialog.forwardUrl();
    MainWindowOptions::saveListenAddress(options.host, options.port);
    m_session->listen(options);
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
        QStringLiteral("A desktop inspector for Wix webhooks: it captures deliveries, checks each "
                       "token's RS256 signature against your app's public keys, explains why one "
                       "is rejected, and decodes the event inside, strings of JSON included."));
    box.exec();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    m_live->saveSettings();
    if (m_validator)
        m_validator->close();
    if (m_keyringDialog)
        m_keyringDialog->close();
    QMainWindow::closeEvent(event);
}
