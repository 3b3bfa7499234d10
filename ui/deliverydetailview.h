#pragma once

#include <QTabWidget>

class DecodedTab;
class DeliveryAnalysisPanel;
class HttpTab;
class TokenTab;
struct Delivery;

// The selected delivery in four tabs: Decoded, Token, HTTP and Analysis (its flags
// and findings, with links to the deliveries they name). It decodes that one
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
    DeliveryAnalysisPanel *analysisPanel() const { return m_analysis; }

signals:
    void filterRequested(const QString &term);
    // A link of the Analysis tab: the delivery a finding names.
    void deliveryRequested(qint64 seq);

private:
    DecodedTab *m_decoded;
    TokenTab *m_token;
    HttpTab *m_http;
    DeliveryAnalysisPanel *m_analysis;
    int m_analysisIndex;
};
