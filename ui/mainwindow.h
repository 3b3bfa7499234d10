#pragma once

#include <QMainWindow>
#include <QPointer>

class JwtValidatorDialog;
class QAction;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    QAction *validateJwtAction() const { return m_validateJwt; }
    // Null until Tools > Validate JWT was first opened.
    JwtValidatorDialog *validatorDialog() const;

public slots:
    void openValidator();
    // Opens the validator with a token and a key read from files (either may be empty).
    void openValidatorWith(const QString &tokenFile, const QString &keyFile);
    void showAbout();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();

    QAction *m_validateJwt = nullptr;
    QPointer<JwtValidatorDialog> m_validator;
};
