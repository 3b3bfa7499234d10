#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

// Shown above the list while capture is not listening: why (e.g. the port in
// use, named), with a way out: another, free port, or trying again.
class NotListeningBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NotListeningBanner)

public:
    explicit NotListeningBanner(QWidget *parent = nullptr);

    void setError(const QString &error);
    QString text() const;

signals:
    void listenOnFreePortRequested();
    void retryRequested();

private:
    QLabel *m_message;
    QPushButton *m_freePort;
    QPushButton *m_retry;
};
