#include "copyurlbutton.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QTimer>

CopyUrlButton::CopyUrlButton(QWidget *parent)
    : QToolButton(parent)
    , m_feedback(new QTimer(this))
{
    setAutoRaise(true);
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    setCursor(Qt::PointingHandCursor);
    m_feedback->setSingleShot(true);
    m_feedback->setInterval(kCopiedFeedbackMs);
    connect(m_feedback, &QTimer::timeout, this, &CopyUrlButton::showUrl);
    connect(this, &QToolButton::clicked, this, &CopyUrlButton::copy);
    setUrl(QUrl());
}

void CopyUrlButton::setUrl(const QUrl &url, const QString &idleText)
{
    m_url = url;
    m_idleText = idleText;
    setEnabled(url.isValid());
    setToolTip(url.isValid() ? QStringLiteral("Click to copy the URL to post webhooks to")
                             : QString());
    showUrl();
}

void CopyUrlButton::showUrl()
{
    m_feedback->stop();
    setText(m_url.isValid() ? m_url.toString() : m_idleText);
}

void CopyUrlButton::copy()
{
    if (!m_url.isValid())
        return;
    const QString text = m_url.toString();
    QGuiApplication::clipboard()->setText(text);
    setText(QStringLiteral("Copied \u2713"));
    m_feedback->start();
    emit copied(text);
}
