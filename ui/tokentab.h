#pragma once

#include <QWidget>

class ClaimsView;
class QPlainTextEdit;
class VerdictBanner;
struct Delivery;
struct TokenInspection;

// The Token tab: the verdict given at arrival, the token's three segments
// coloured, and its header and claims.
class TokenTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenTab)

public:
    explicit TokenTab(QWidget *parent = nullptr);

    void showDelivery(const Delivery &delivery, const TokenInspection &inspection);
    void showNothing();
    VerdictBanner *banner() const { return m_banner; }

private:
    VerdictBanner *m_banner;
    QPlainTextEdit *m_segments;
    ClaimsView *m_claims;
};
