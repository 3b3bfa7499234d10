#pragma once

#include <QTabWidget>

class DecodedTab;
class HttpTab;
class TokenTab;
struct Delivery;

// The selected delivery in three tabs: Decoded, Token, HTTP. It decodes that one
// delivery (without verifying again: the verdict is the one given at arrival).
class DeliveryDetailView final : public QTabWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeliveryDetailView)

public:
    explicit DeliveryDetailView(QWidget *parent = nullptr);

    void showDelivery(const Delivery &delivery);
    void showNothing();

    DecodedTab *decodedTab() const { return m_decoded; }
    TokenTab *tokenTab() const { return m_token; }
    HttpTab *httpTab() const { return m_http; }

signals:
    void filterRequested(const QString &term);

private:
    DecodedTab *m_decoded;
    TokenTab *m_token;
    HttpTab *m_http;
};
