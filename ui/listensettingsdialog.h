#pragma once

#include <QDialog>
#include <QHostAddress>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QSpinBox;

// Capture > Listen address: host and port. A host beyond loopback lets anyone on
// the network post to Hookscope: the dialog says so before it is accepted.
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

private:
    void validate();

    QComboBox *m_host;
    QSpinBox *m_port;
    QLabel *m_warning;
    QDialogButtonBox *m_buttons;
};
