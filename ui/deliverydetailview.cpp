#include "deliverydetailview.h"

#include "capture/delivery.h"
#include "decodedtab.h"
#include "deliveryanalysispanel.h"
#include "httptab.h"
#include "tokentab.h"
#include "wix/tokeninspection.h"

DeliveryDetailView::DeliveryDetailView(QWidget *parent)
    : QTabWidget(parent)
    , m_decoded(new DecodedTab(this))
    , m_token(new TokenTab(this))
    , m_http(new HttpTab(this))
    , m_analysis(new DeliveryAnalysisPanel(this))
{
    setObjectName(QStringLiteral("deliveryDetail"));
    setDocumentMode(true);
    m_decoded->setObjectName(QStringLiteral("decodedTab"));
    m_token->setObjectName(QStringLiteral("tokenTab"));
    m_http->setObjectName(QStringLiteral("httpTab"));
    addTab(m_decoded, QStringLiteral("Decoded"));
    addTab(m_token, QStringLiteral("Token"));
    addTab(m_http, QStringLiteral("HTTP"));
    m_analysisIndex = addTab(m_analysis, QStringLiteral("Analysis"));
    connect(m_decoded, &DecodedTab::filterRequested, this, &DeliveryDetailView::filterRequested);
    connect(m_analysis, &DeliveryAnalysisPanel::deliverySelected, this,
            &DeliveryDetailView::deliveryRequested);
}

void DeliveryDetailView::showNothing()
{
    m_decoded->showNothing();
    m_token->showNothing();
    m_http->showNothing();
    m_analysis->clear();
    setTabText(m_analysisIndex, QStringLiteral("Analysis"));
}

void DeliveryDetailView::showDelivery(const Delivery &delivery)
{
    TokenInspection inspection;
    if (delivery.bodyKind == BodyKind::Jwt || delivery.bodyKind == BodyKind::MalformedJwt) {
        // No keys: parsing and decoding only, no RSA on this thread.
        inspection = inspectToken(delivery.body, JwtVerifier());
    }
    m_decoded->showDelivery(delivery, inspection);
    m_token->showDelivery(delivery, inspection);
    m_http->showDelivery(delivery);
    m_analysis->setDelivery(delivery);
    const qsizetype findings = delivery.analysis.findings.size();
    setTabText(m_analysisIndex, findings > 0 ? QStringLiteral("Analysis (%1)").arg(findings)
                                             : QStringLiteral("Analysis"));
}
