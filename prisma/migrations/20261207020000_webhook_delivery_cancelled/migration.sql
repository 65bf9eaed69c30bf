-- A delivery whose endpoint was disabled (or deleted) before it was delivered: CANCELLED, shown as
-- such in the delivery log (issue 26, point 4).
ALTER TYPE "WebhookDeliveryStatus" ADD VALUE 'CANCELLED';

-- The worker's claim takes each endpoint's due deliveries by endpoint (lib/db/sql/webhook-delivery.ts)
-- and counts those under a live claim, to cap an endpoint's deliveries in flight (point 1).
CREATE INDEX "WebhookDelivery_endpoint_queued_idx" ON "WebhookDelivery"("endpointId", "nextAttemptAt") WHERE (status = 'QUEUED');
CREATE INDEX "WebhookDelivery_claimed_idx" ON "WebhookDelivery"("endpointId") WHERE (status = 'QUEUED' AND "claimToken" IS NOT NULL);
