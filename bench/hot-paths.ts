/**
 * Runs each hot path's own server code once, in this process, against the bench database, and
 * returns the SQL each one sent (see explain.ts). Needs process.env to be the app's (DATABASE_URL,
 * NEXTAUTH_SECRET …) before the first call.
 */
import nodemailer from "nodemailer";
import type { CapturedQuery } from "./explain";
import { installRecordingClient } from "./explain";
import { signInPayloadSql } from "./f4-outbox";

export interface HotPathInput {
  url: string;
  hotAccountId: string;
  hotAdminId: string;
  requesterId: string;
  supportUserId: string;
  lookupIdentifier: string;
  supportEmailPrefix: string;
  deepCursor: { createdAt: Date; id: string };
  /** A pair nobody else submits: the submit path really runs (and commits) once. */
  submitPair: { userId: string; accountId: string; domain: string };
  sessionToken: string;
  outboxBatchSize: number;
}

export async function captureHotPaths(
  input: HotPathInput,
): Promise<{ name: string; queries: CapturedQuery[] }[]> {
  const recorder = installRecordingClient(input.url);
  const { db } = await import("@/lib/db/client");
  const actor = async (id: string) =>
    db.user.findUniqueOrThrow({
      where: { id },
      select: { id: true, email: true, platformRole: true, locale: true },
    });
  const [admin, requester, submitter, support] = await Promise.all([
    actor(input.hotAdminId),
    actor(input.requesterId),
    actor(input.submitPair.userId),
    actor(input.supportUserId),
  ]);
  recorder.take();

  const captured: { name: string; queries: CapturedQuery[] }[] = [];
  const capture = async (name: string, work: () => Promise<unknown>) => {
    recorder.take();
    await work();
    captured.push({ name, queries: recorder.take() });
  };

  const { newTokenSecret } = await import("@/lib/api/token-secret");
  const { checkAccess } = await import("@/lib/api/token-auth");
  const secret = newTokenSecret();
  await db.apiToken.create({
    data: {
      name: "bench",
      tokenHash: secret.hash,
      prefix: secret.prefix,
      scopes: ["members:read"],
      creatorId: admin.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  recorder.take();
  await capture("API access check (every sign-in of a downstream tool)", () =>
    checkAccess(secret.token, input.hotAccountId, admin.email),
  );
  // With a virtual account (issue 27): a member of virtual accounts, on the deepest virtual account
  // where their role is inherited, if the administrator's accounts have one (else any role there).
  const [onVirtualAccount] = await db.$queryRaw<
    { accountId: string; email: string; virtualAccountId: string }[]
  >`SELECT m."accountId", u."email", va."id" AS "virtualAccountId"
      FROM "Membership" m JOIN "User" u ON u."id" = m."userId"
      JOIN "VirtualAccount" va ON va."accountId" = m."accountId"
     CROSS JOIN LATERAL "effective_role"(m."userId", m."accountId", va."id", now()::timestamp(3)) e
     WHERE m."accountId" IN (SELECT a."accountId" FROM "Membership" a WHERE a."userId" = ${admin.id} AND a."role" = 'ADMIN')
     ORDER BY e."heldAs" = 'inherited' DESC, cardinality(va."path") DESC, m."id" LIMIT 1`;
  recorder.take();
  if (onVirtualAccount)
    await capture("API access check with a virtual account", () =>
      checkAccess(
        secret.token,
        onVirtualAccount.accountId,
        onVirtualAccount.email,
        onVirtualAccount.virtualAccountId,
      ),
    );

  const { userForSessionToken } = await import("@/lib/auth/session-user");
  await capture("session read (every signed-in request)", async () =>
    userForSessionToken(input.sessionToken),
  );

  const { lookupAccounts } = await import("@/lib/accounts/lookup-accounts");
  await capture("lookup by identifier", () =>
    lookupAccounts(requester, { identifier: input.lookupIdentifier }),
  );

  const { listQueue } = await import("@/lib/admin/list-queue");
  const { parseQueueFilters } = await import("@/lib/admin/schema");
  const { encodeCursor } = await import("@/lib/pagination/keyset");
  // With the account filter's pending counts (which the menu's badge shares).
  const queuePage = (params: Record<string, string>) => listQueue(admin, parseQueueFilters(params));
  await capture("admin queue, first page", () => queuePage({ account: input.hotAccountId }));
  await capture("admin queue, deep page", () =>
    queuePage({ account: input.hotAccountId, after: encodeCursor(input.deepCursor) }),
  );

  const { menuFor } = await import("@/lib/navigation/menu");
  await capture("menu and its badge (every page of the busy administrator)", () => menuFor(admin));

  const { listMyRequests } = await import("@/lib/requests/list-my-requests");
  await capture("requester's list", () => listMyRequests(requester.id, 1));

  const { parseRequestSearch } = await import("@/lib/support/search-params");
  const { searchRequests } = await import("@/lib/support/search-requests");
  const search = parseRequestSearch({ email: input.supportEmailPrefix });
  if (!search.ok) throw new Error("support search parameters refused");
  await capture("support search, email prefix", () =>
    searchRequests(support, search.filters, null),
  );

  const { submitRequest } = await import("@/lib/requests/submit-request");
  await capture("submit", () =>
    submitRequest.execute(submitter, {
      accountId: input.submitPair.accountId,
      domain: input.submitPair.domain,
      reason: "Benchmark: one submit to capture the statements it sends.",
    }),
  );

  // The claim with the real backlog; what this one call sends (jsonTransport) is put back afterwards.
  const { deliverDueEmails } = await import("@/lib/mail/worker");
  await capture("outbox claim", () =>
    deliverDueEmails({
      db: recorder.client,
      transport: nodemailer.createTransport({ jsonTransport: true }),
      from: "bench@localhost",
      maxAttempts: 8,
      batchSize: input.outboxBatchSize,
    }),
  );
  // Sending emptied their links: written again as queueSignInEmails wrote them.
  await recorder.client.$executeRawUnsafe(`
    UPDATE "EmailMessage" SET "status" = 'QUEUED', "attempts" = 0, "sentAt" = NULL, "lastError" = NULL, "nextAttemptAt" = now(),
           "payload" = COALESCE("payload", ${signInPayloadSql('"to"')})
     WHERE "template" = 'sign-in' AND "status" <> 'QUEUED'`);
  // Only the claim is hot; the per-message updates are by primary key.
  const claim = captured.at(-1)!;
  claim.queries = claim.queries.filter((query) => /FOR UPDATE SKIP LOCKED/i.test(query.sql));

  await recorder.client.$disconnect();
  return captured;
}
