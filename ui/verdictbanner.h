#pragma once

#include <QFrame>
#include <QStringList>

class QLabel;
enum class SignatureStatus;

// The verdict at a glance: a coloured strip with VALID / REJECTED / ..., the
// reason code, the reason in words and any warnings. Every label is plain
// text: messages quote the token.
class VerdictBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VerdictBanner)

public:
    enum class State { Idle, Valid, Rejected, Malformed, KeyError, Unverified };

    explicit VerdictBanner(QWidget *parent = nullptr);

    void setVerdict(State state, const QString &reasonCode, const QString &message,
                    const QStringList &warnings = {});
    State state() const { return m_state; }
    // Everything the banner shows, one line each: title and code, message, warnings.
    QString text() const;

    static QString title(State state);
    static State stateFor(SignatureStatus status);

private:
    State m_state = State::Idle;
    QLabel *m_title;
    QLabel *m_code;
    QLabel *m_message;
    QLabel *m_warnings;
};
