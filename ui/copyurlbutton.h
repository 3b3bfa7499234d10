#pragma once

#include <QToolButton>
#include <QUrl>

class QTimer;

// The listening URL as a flat button: a click copies it to the clipboard.
class CopyUrlButton final : public QToolButton
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CopyUrlButton)

public:
    static constexpr int kCopiedFeedbackMs = 1500;

    explicit CopyUrlButton(QWidget *parent = nullptr);

    QUrl url() const { return m_url; }
    // An invalid URL shows `idleText` and copies nothing.
    void setUrl(const QUrl &url, const QString &idleText = QStringLiteral("Not listening"));

public slots:
    void copy();

signals:
    void copied(const QString &url);

private:
    void showUrl();

    QUrl m_url;
    QString m_idleText;
    QTimer *m_feedback;
};
