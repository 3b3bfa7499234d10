#pragma once

#include "verdictbanner.h"

#include <QDialog>
#include <QJsonObject>

class ClaimsView;
class DecodedTreeView;
class FileDropTextEdit;
class JsonTreeModel;
class QCheckBox;
class QLabel;
class QSpinBox;
class QSplitter;
class QTimer;
struct PublicKeyLoadResult;
struct TokenInspection;

// Tools > Validate JWT: paste (or drop, or load) a token and a public key; the
// verdict, the header and claims and the decoded envelope follow as you type.
class JwtValidatorDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JwtValidatorDialog)

public:
    static constexpr int kDebounceMs = 150;

    explicit JwtValidatorDialog(QWidget *parent = nullptr);
    ~JwtValidatorDialog() override;

    void setTokenText(const QString &text);
    void setKeyText(const QString &text);
    bool loadTokenFile(const QString &path, QString *error = nullptr);
    bool loadKeyFile(const QString &path, QString *error = nullptr);

    VerdictBanner::State verdictState() const;
    QString verdictText() const;
    JsonTreeModel *treeModel() const { return m_model; }

public slots:
    // Validates at once instead of after the typing pause.
    void revalidateNow();
    void chooseTokenFile();
    void chooseKeyFile();

protected:
    void hideEvent(QHideEvent *event) override;

private:
    QWidget *createTokenPane();
    QWidget *createKeyPane();
    QWidget *createOptionsRow();
    QWidget *createTreePane();
    QWidget *createClaimsPane();
    void scheduleRevalidation();
    void showKeyStatus(bool keyGiven, const PublicKeyLoadResult &key);
    void showVerdict(const TokenInspection &inspection, bool tokenGiven, bool keyGiven,
                     const PublicKeyLoadResult &key);
    void showDecoded(const TokenInspection &inspection, bool tokenGiven, qint64 now);
    void showFileLoaded(const QString &path);
    void showFileRejected(const QString &message);
    QString keyName() const;
    void restoreSettings();
    void saveSettings() const;

    VerdictBanner *m_banner;
    FileDropTextEdit *m_tokenEdit;
    FileDropTextEdit *m_keyEdit;
    QLabel *m_keyStatus;
    QSpinBox *m_skew;
    QCheckBox *m_ignoreExpiry;
    JsonTreeModel *m_model;
    DecodedTreeView *m_tree;
    ClaimsView *m_claims;
    QLabel *m_statusLine;
    QSplitter *m_mainSplitter;
    QSplitter *m_inputSplitter;
    QSplitter *m_outputSplitter;
    QTimer *m_debounce;
    QJsonObject m_shownTree;
};
