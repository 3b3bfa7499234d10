#pragma once

#include "models/deliveryrow.h"

// A delivery's row as the list holds it: a signed contact_created that was answered 500,
// a retried duplicate after a gap in its entity's sequence. Header-only: the fuzz build
// (which links no test support) matches filters against it too.
inline DeliveryRow exampleContactCreatedRow()
{
    DeliveryRow row;
    row.seq = 7;
    row.method = QStringLiteral("POST");
    row.target = QStringLiteral("/webhooks/wix?x=1");
    row.eventType = QStringLiteral("wix.contacts.v4.contact_created");
    row.instanceId = QStringLiteral("a6d1c7d0-6a9d-4c38-bd0a-0f5b7e1f3c11");
    row.entity = QStringLiteral("wix.contacts.v4.contact/4b0133d5");
    row.identity = QStringLiteral("MEMBER m-42");
    row.keyName = QStringLiteral("shop");
    row.reasonCode = QStringLiteral("valid");
    row.answerStatus = 500;
    row.signature = SignatureStatus::Valid;
    row.bodyKind = BodyKind::Jwt;
    row.analysisFlags = FlagDuplicate | FlagDuplicateRetry | FlagSequenceGap;
    return row;
}
