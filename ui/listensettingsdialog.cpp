#include "listensettingsdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

ListenSettingsDialog::ListenSettingsDialog(QWidget *parent)
    : QDialog(parent)
    , m_host(new QComboBox(this))
    , m_port(new QSpinBox(this))
    , m_forward(new QLineEdit(this))
    , m_warning(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("listenSettingsDialog"));
    setWindowTitle(QStringLiteral("Listen address \u2014 Hookscope"));
    m_host->setObjectName(QStringLiteral("listenHostCombo"));
    m_host->setEditable(true);
    m_host->addItems({QStringLiteral("127.0.0.1"), QStringLiteral("::1"), QStringLiteral("0.0.0.0"),
                      QStringLiteral("::")});
    m_port->setObjectName(QStringLiteral("listenPortSpin"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(QStringLiteral("any free port"));
    m_forward->setObjectName(QStringLiteral("listenForwardEdit"));
    m_forward->setClearButtonEnabled(true);
    m_forward->setPlaceholderText(QStringLiteral("none; e.g. http://localhost:3000/webhooks"));
    m_forward->setToolTip(QStringLiteral("Forward mode: relay each delivery to your receiver, "
                                         "answer with its status and chart its latency"));
    m_warning->setObjectName(QStringLiteral("listenWarning"));
    m_warning->setTextFormat(Qt::PlainText);
    m_warning->setWordWrap(true);
    QPalette palette = m_warning->palette();
    palette.setColor(QPalette::WindowText, QColor(0xd9, 0x48, 0x0f));
    m_warning->setPalette(palette);

    auto *hint = new QLabel(QStringLiteral("Point Wix at this address through a tunnel (ngrok, "
                                           "cloudflared), or post to it from a test sender."),
                            this);
    hint->setTextFormat(Qt::PlainText);
    hint->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(QStringLiteral("&Host:"), m_host);
    form->addRow(QStringLiteral("&Port:"), m_port);
    form->addRow(QStringLiteral("&Forward to:"), m_forward);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addLayout(form);
    layout->addWidget(m_warning);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_host, &QComboBox::currentTextChanged, this, &ListenSettingsDialog::validate);
    connect(m_forward, &QLineEdit::textChanged, this, &ListenSettingsDialog::validate);
    setAddress(QHostAddress(QHostAddress::LocalHost), 8787);
}

void ListenSettingsDialog::setAddress(const QHostAddress &host, quint16 port)
{
    m_host->setCurrentText(host.toString());
    m_port->setValue(port);
    validate();
}

QHostAddress ListenSettingsDialog::host() const
{
    return QHostAddress(m_host->currentText().trimmed());
}

quint16 ListenSettingsDialog::port() const
{
    return quint16(m_port->value());
}

bool ListenSettingsDialog::warnsBeyondLoopback() const
{
    return !host().isNull() && !host().isLoopback();
}

void ListenSettingsDialog::setForwardUrl(const QUrl &url)
{
    m_forward->setText(url.isValid() ? url.toString() : QString());
}

QUrl ListenSettingsDialog::forwardUrl() const
{
    const QString text = m_forward->text().trimmed();
    if (text.isEmpty())
        return QUrl();
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return QUrl();
    return url;
}

void ListenSettingsDialog::validate()
{
    const QHostAddress address = host();
    QString warning;
    if (address.isNull())
        warning = QStringLiteral("\"%1\" is not an IP address.").arg(m_host->currentText());
    else if (!address.isLoopback())
        warning = QStringLiteral("\u26A0 %1 is not loopback: anyone who can reach this machine "
                                 "can post to Hookscope and read what it answers. Prefer "
                                 "127.0.0.1 and a tunnel.")
                      .arg(address.toString());
    const bool forwardOk = m_forward->text().trimmed().isEmpty() || forwardUrl().isValid();
    if (!forwardOk) {
        const QString bad =
            QStringLiteral("\"%1\" is not an http:// or https:// URL to forward to.")
                .arg(m_forward->text().trimmed());
        warning = warning.isEmpty() ? bad : warning + QLatin1Char('\n') + bad;
    }
    m_warning->setText(warning);
    m_warning->setVisible(!warning.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!address.isNull() && forwardOk);
}
