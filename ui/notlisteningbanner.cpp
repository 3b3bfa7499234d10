#include "notlisteningbanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

NotListeningBanner::NotListeningBanner(QWidget *parent)
    : QFrame(parent)
    , m_message(new QLabel(this))
    , m_freePort(new QPushButton(QStringLiteral("Listen on another port"), this))
    , m_retry(new QPushButton(QStringLiteral("Try again"), this))
{
    setObjectName(QStringLiteral("notListeningBanner"));
    m_message->setObjectName(QStringLiteral("notListeningMessage"));
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_freePort->setObjectName(QStringLiteral("listenOnFreePortButton"));
    m_freePort->setToolTip(QStringLiteral("Listen on a free port the system picks"));
    m_retry->setObjectName(QStringLiteral("retryListenButton"));
    connect(m_freePort, &QPushButton::clicked, this,
            &NotListeningBanner::listenOnFreePortRequested);
    connect(m_retry, &QPushButton::clicked, this, &NotListeningBanner::retryRequested);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(10);
    layout->addWidget(m_message, 1);
    layout->addWidget(m_freePort);
    layout->addWidget(m_retry);
    setStyleSheet(
        QStringLiteral("QFrame#notListeningBanner { background: #fff4e6; border: 1px solid "
                       "#f59f00; border-radius: 6px; }"
                       "QLabel { background: transparent; border: none; color: #212529; }"));
}

void NotListeningBanner::setError(const QString &error)
{
    m_message->setText(QStringLiteral("Not listening: %1. Webhooks are not being captured.")
                           .arg(error.isEmpty() ? QStringLiteral("capture is stopped") : error));
}

QString NotListeningBanner::text() const
{
    return m_message->text();
}
