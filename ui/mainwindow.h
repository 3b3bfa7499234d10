#pragma once

#include "mainwindowoptions.h"

#include <QMainWindow>
#include <QPointer>

class AnalysisDocks;
class CaptureSession;
class CaptureStatusBar;
class ExchangeActions;
class JwtValidatorDialog;
class KeyringDialog;
class KeyringStore;
class LiveCaptureView;
class QAction;
class QMenu;
class ResponseMenu;
class SendPanel;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    // Opens the default session and listens where the settings say (127.0.0.1:8787).
    explicit MainWindow(QWidget *parent = nullptr);
    explicit MainWindow(const MainWindowOptions &options, QWidget *parent = nullptr);
    ~MainWindow() override;

    QAction *validateJwtAction() const { return m_validateJwt; }
    QAction *keysAction() const { return m_keys; }
    QAction *focusFilterAction() const { return m_focusFilter; }
    // Null until Tools > Validate JWT was first opened.
    JwtValidatorDialog *validatorDialog() const;
    // Null until Tools > Keys was first opened.
    KeyringDialog *keyringDialog() const;

    CaptureSession *captureSession() const { return m_session; }
    KeyringStore *keyringStore() const { return m_keyring; }
    LiveCaptureView *liveView() const { return m_live; }
    CaptureStatusBar *captureStatusBar() const { return m_statusBar; }
    ResponseMenu *responseMenu() const { return m_responseMenu; }
    AnalysisDocks *analysisDocks() const { return m_analysisDocks; }
    SendPanel *sendPanel() const { return m_sendPanel; }
    QMenu *viewMenu() const { return m_viewMenu; }
    // Export, import, replay and copy as curl (File, Tools, the list's context menu).
    ExchangeActions *exchangeActions() const { return m_exchange; }

public slots:
    void openValidator();
    // Opens the validator with a token and a key read from files (either may be empty).
    void openValidatorWith(const QString &tokenFile, const QString &keyFile);
    void openKeyring();
    void showAbout();
    void newSession();
    void openSession();
    void saveSessionAs();
    void editListenAddress();
    // Selects the delivery in the list (and so in every view); says so when the
    // filter hides it.
    bool goToDelivery(qint64 seq);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void createFileMenu();
    void createCaptureMenu();
    void createViewMenu();
    void updateFindings();
    void updateTitle();
    void updateCounts();
    void updateKeyringSubject();
    void showListening(bool listening);
    void showStoreFailure(const QString &reason);
    QString chooseSessionFile(const QString &title, bool forSaving);

    KeyringStore *m_keyring;
    CaptureSession *m_session;
    LiveCaptureView *m_live;
    CaptureStatusBar *m_statusBar;
    AnalysisDocks *m_analysisDocks;
    SendPanel *m_sendPanel;
    ExchangeActions *m_exchange;
    QMenu *m_viewMenu = nullptr;
    ResponseMenu *m_responseMenu = nullptr;
    QAction *m_validateJwt = nullptr;
    QAction *m_keys = nullptr;
    QAction *m_focusFilter = nullptr;
    QPointer<JwtValidatorDialog> m_validator;
    QPointer<KeyringDialog> m_keyringDialog;
};
