import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import {
  decisionWeeksSql,
  emailOutcomesSql,
  pendingAgesSql,
  requestWeeksSql,
  webhookOutcomesSql,
  type AccountSet,
  type TimeRange,
} from "@/lib/db/sql/insights";
import { explainNodes, indexReads, seqScansOn } from "../support/query-plans";

/**
 * The insights' statements stay on their indexes at scale: the very SQL the page and the rollup run
 * is EXPLAINed against generated tables (200,000 requests over two years by default,
 * INSIGHTS_PLAN_ROWS=1000000 for the size of the bench), an email per request and 50,000 webhook
 * deliveries. For every account, the counts read the insights indexes alone (Index Only Scan:
 * the tables are never read); for some accounts, the account's own index.
 */
const ROWS = Number(process.env.INSIGHTS_PLAN_ROWS ?? 200_000);
const USERS = 20_000;
const ACCOUNTS = 20_011; // prime: (requester, account) pairs never repeat
const END = new Date("2026-01-01T00:00:00.000Z");
/** The requests span two years up to END: one every `step` seconds. */
const STEP_SECONDS = Math.floor((2 * 365 * 86_400) / ROWS);

const range = (days: number): TimeRange => ({
  from: new Date(END.getTime() - days * 86_400_000),
  to: END,
});
const week: TimeRange = {
  from: new Date("2025-06-02T00:00:00.000Z"),
  to: new Date("2025-06-09T00:00:00.000Z"),
};
const oneAccount: AccountSet = ["ia-42"];
const fiveAccounts: AccountSet = ["ia-1", "ia-2", "ia-3", "ia-4", "ia-5"];

beforeAll(async () => {
  await db.$executeRawUnsafe(`
    INSERT INTO "User" ("id", "email", "updatedAt")
    SELECT 'iu-' || g, 'person' || g || '@insights.example', now() FROM generate_series(1, ${USERS}) g`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Account" ("id", "name", "updatedAt") SELECT 'ia-' || g, 'Company ' || g, now() FROM generate_series(1, ${ACCOUNTS}) g`);
  // 8 % pending (the newest month), the rest decided after 1 to 72 hours; some reminded, some escalated.
  await db.$executeRawUnsafe(`
    INSERT INTO "AccessRequest" ("id", "requesterId", "accountId", "domain", "reason", "status", "createdAt",
                                 "decidedAt", "expiresAt", "updatedAt", "reminderCount", "escalatedAt")
    SELECT 'ir-' || g, 'iu-' || (1 + g % ${USERS}), 'ia-' || (1 + g % ${ACCOUNTS}), 'insights.example', 'Reason',
           s.status, c.created,
           CASE WHEN s.status <> 'PENDING' THEN c.created + (1 + g % 72) * interval '1 hour' END,
           c.created + interval '30 days', now(), g % 3, CASE WHEN g % 50 = 0 THEN c.created + interval '7 days' END
      FROM generate_series(1, ${ROWS}) g,
           LATERAL (SELECT timestamp '2026-01-01' - (${ROWS} - g) * interval '${STEP_SECONDS} seconds' AS created) c,
           LATERAL (SELECT (CASE WHEN c.created > timestamp '2025-12-02' THEN 'PENDING'
                                 WHEN g % 10 < 6 THEN 'APPROVED' WHEN g % 10 < 8 THEN 'DENIED'
                                 WHEN g % 10 = 8 THEN 'WITHDRAWN' ELSE 'EXPIRED' END)::"AccessRequestStatus" AS status) s`);
  await db.$executeRawUnsafe(`
    INSERT INTO "EmailMessage" ("id", "to", "template", "locale", "status", "createdAt", "requestId")
    SELECT 'ie-' || r."id", 'admin@insights.example', 'request-submitted', 'en',
           (CASE WHEN r."status" = 'PENDING' THEN 'QUEUED' WHEN right(r."id", 1) = '7' THEN 'FAILED' ELSE 'SENT' END)::"EmailStatus",
           r."createdAt", r."id"
      FROM "AccessRequest" r`);
  await db.$executeRawUnsafe(`
    INSERT INTO "WebhookEndpoint" ("id", "accountId", "url", "events", "secret", "createdById", "updatedAt")
    SELECT 'iw-' || g, 'ia-' || g, 'https://hooks.example.com/' || g, ARRAY['request.created'], 'whsec_d2Fsaw==', 'iu-1', now()
      FROM generate_series(1, 100) g`);
  await db.$executeRawUnsafe(`
    INSERT INTO "WebhookDelivery" ("id", "endpointId", "eventType", "payload", "status", "createdAt")
    SELECT 'id-' || g, 'iw-' || (1 + g % 100), 'request.created', '{}',
           (CASE WHEN g % 10 = 0 THEN 'FAILED' ELSE 'DELIVERED' END)::"WebhookDeliveryStatus",
           timestamp '2026-01-01' - g * interval '20 minutes'
      FROM generate_series(1, 50000) g`);
  // As autovacuum would: statistics, and the visibility map that lets an index answer alone.
  await db.$executeRawUnsafe(
    `VACUUM ANALYZE "User", "Account", "AccessRequest", "EmailMessage", "WebhookEndpoint", "WebhookDelivery"`,
  );
}, 600_000);

/** The statements of one part of a period (live counts, or a week the rollup keeps). */
const statements = (part: TimeRange, accounts: AccountSet) => ({
  requests: requestWeeksSql(part, accounts),
  decisions: decisionWeeksSql(part, accounts),
  emails: emailOutcomesSql(part, accounts),
  webhooks: webhookOutcomesSql(part, accounts),
  pending: pendingAgesSql(part.to, accounts),
});

const TABLES = ["AccessRequest", "EmailMessage", "WebhookDelivery"];

describe(`insights plans with ${ROWS.toLocaleString("en")} requests`, () => {
  it.each([
    ["the six weeks counted live", range(42)],
    ["a week the rollup keeps", week],
    ["a whole year (before the rollup's first pass)", range(365)],
  ])("every account, %s: each count reads its insights index alone", async (_name, part) => {
    const expected = {
      requests: "AccessRequest_insights_sent_idx",
      decisions: "AccessRequest_insights_decided_idx",
      emails: "EmailMessage_insights_idx",
      webhooks: "WebhookDelivery_insights_idx",
      pending: "AccessRequest_status_createdAt_id_idx",
    };
    for (const [name, statement] of Object.entries(statements(part, null))) {
      const nodes = await explainNodes(statement);
      for (const table of TABLES) expect(seqScansOn(nodes, table), `${name} ${table}`).toEqual([]);
      expect(indexReads(nodes), name).toContainEqual({
        index: expected[name as keyof typeof expected],
        how: "Index Only Scan",
      });
    }
  });

  it.each([
    ["one account", oneAccount],
    ["an administrator's five accounts", fiveAccounts],
  ])(
    "%s, a year: every count reads the accounts' rows through an index",
    async (_name, accounts) => {
      for (const [name, statement] of Object.entries(statements(range(365), accounts))) {
        const nodes = await explainNodes(statement);
        for (const table of TABLES)
          expect(seqScansOn(nodes, table), `${name} ${table}`).toEqual([]);
        const through =
          name === "webhooks"
            ? "WebhookDelivery_endpointId_createdAt_idx"
            : "AccessRequest_accountId";
        expect(
          indexReads(nodes).some(({ index }) => index.startsWith(through)),
          `${name} reads the accounts' rows through ${through}`,
        ).toBe(true);
      }
    },
  );
});
