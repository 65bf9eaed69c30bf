-- Insights (issue 29: lib/insights/, lib/db/sql/insights.ts). For every account at 1M requests a
-- period of a year is hundreds of thousands of rows: the weeks that can no longer change are kept
-- counted in "InsightsWeek" (lib/insights/rollup.ts), and the rest of a period is counted live from
-- covering indexes, without reading the tables (bench F8, docs/benchmarks.md).

-- One row per settled week, for every account together (see prisma/schema.prisma).
CREATE TABLE "InsightsWeek" (
    "week" DATE NOT NULL,
    "approved" INTEGER NOT NULL,
    "denied" INTEGER NOT NULL,
    "withdrawn" INTEGER NOT NULL,
    "expired" INTEGER NOT NULL,
    "reminders" INTEGER NOT NULL,
    "escalations" INTEGER NOT NULL,
    "decisions" INTEGER NOT NULL,
    "medianHours" DOUBLE PRECISION,
    "p90Hours" DOUBLE PRECISION,
    "emailsSent" INTEGER NOT NULL,
    "emailsFailed" INTEGER NOT NULL,
    "emailsHeld" INTEGER NOT NULL,
    "webhooksDelivered" INTEGER NOT NULL,
    "webhooksFailed" INTEGER NOT NULL,
    "webhooksCancelled" INTEGER NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InsightsWeek_pkey" PRIMARY KEY ("week")
);

-- Requests sent in a range, by week and status, with their reminders and escalation.
CREATE INDEX "AccessRequest_insights_sent_idx" ON "AccessRequest"("createdAt", "status", "reminderCount", "escalatedAt");

-- Requests decided in a range, and when they were sent.
CREATE INDEX "AccessRequest_insights_decided_idx" ON "AccessRequest"("decidedAt", "createdAt") WHERE (status IN ('APPROVED', 'DENIED'));

-- Emails about access requests created in a range, by status.
CREATE INDEX "EmailMessage_insights_idx" ON "EmailMessage"("createdAt", "status") WHERE ("requestId" IS NOT NULL);

-- Webhook deliveries created in a range, by status.
CREATE INDEX "WebhookDelivery_insights_idx" ON "WebhookDelivery"("createdAt", "status");
