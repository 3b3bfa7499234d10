#pragma once

#include <QPlainTextEdit>
#include <QSet>

struct TokenInspection;

// The token's header, claims (iat, exp and nbf as UTC dates) and Wix event
// fields as aligned plain text.
class ClaimsView final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClaimsView)

public:
    explicit ClaimsView(QWidget *parent = nullptr);

    // nowEpochSeconds: the clock that "3 min ago" is measured against.
    void showInspection(const TokenInspection &inspection, qint64 nowEpochSeconds);
    void showNothing(const QString &hint);
};
