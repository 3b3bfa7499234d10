#pragma once

#include <QDialog>
#include <QHostAddress>
#include <QUrl>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

// Capture > Listen address: host, port and, for forward mode, the developer's own
// receiver. A host beyond loopback lets anyone on the network post to Hookscope:
// the dialog says so before it is accepted.
class ListenSettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListenSettingsDialog)

public:
    explicit ListenSettingsDialog(QWidget *parent = nullptr);

    void setAddress(const QHostAddress &host, quint16 port);
    // Null when the host field does not hold an address.
    QHostAddress host() const;
    quint16 port() const;
    bool warnsBeyondLoopback() const;
    // Forward mode's target; empty (invalid) for none. Only http(s) is accepted.
    void setForwardUrl(const QUrl &url);
    QUrl forwardUrl() const;

private:
    void validate();

    QComboBox *m_host;
    QSpinBox *m_port;
    QLineEdit *m_forward;
    QLabel *m_warning;
    QDialogButtonBox *m_buttons;
};
