import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { sendReminder } from "@/lib/requests/send-reminder";
import { submitRequest } from "@/lib/requests/submit-request";
import { escalateWaitingRequests } from "@/lib/requests/sweep";
import { createAccount, createMembership, createRequest, createUser } from "../factories";

/*
 * "Escalation due" (lib/requests/escalation.ts, the SQL function escalation_cause), one table of
 * cases driven through every path that escalates: the submit, the requester's reminder, the request
 * sweep. Each path answers, for a pending request of account X whose administrators are the case's
 * and which has waited the case's time: was it escalated, and why? Every path must give the same
 * answer for every case (the submit only for requests it can make: new ones).
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** ESCALATE_AFTER_DAYS of the test environment (its default). */
const AFTER_DAYS = 7;
const reason = "I manage our licences and need to see this account.";

type Cause = "noActiveAdmin" | "pendingTooLong" | null;

interface Case {
  name: string;
  /** X's one membership that might make an administrator (none: X has no member at all). */
  admin?: {
    role: "ADMIN" | "USER";
    endsInHours?: number;
    ended?: boolean;
    disabled?: boolean;
    ofOtherAccount?: boolean;
  };
  /** How long the request has waited (a day and a minute unless given). */
  waitedMs?: number;
  /** Already escalated. */
  escalated?: boolean;
  cause: Cause;
}

const cases: Case[] = [
  { name: "an administrator, a day's wait", admin: { role: "ADMIN" }, cause: null },
  {
    name: "an administrator until tomorrow",
    admin: { role: "ADMIN", endsInHours: 24 },
    cause: null,
  },
  {
    // The membership sweep has not run: `active` is still true. Nobody can decide all the same.
    name: "the administrator's end date passed an hour ago",
    admin: { role: "ADMIN", endsInHours: -1 },
    cause: "noActiveAdmin",
  },
  {
    name: "the administrator's membership ended",
    admin: { role: "ADMIN", ended: true },
    cause: "noActiveAdmin",
  },
  {
    name: "the administrator is disabled",
    admin: { role: "ADMIN", disabled: true },
    cause: "noActiveAdmin",
  },
  { name: "only a USER member", admin: { role: "USER" }, cause: "noActiveAdmin" },
  {
    name: "only the administrator of another account",
    admin: { role: "ADMIN", ofOtherAccount: true },
    cause: "noActiveAdmin",
  },
  { name: "no member at all", cause: "noActiveAdmin" },
  {
    name: "an administrator, waited a minute less than ESCALATE_AFTER_DAYS",
    admin: { role: "ADMIN" },
    waitedMs: AFTER_DAYS * DAY_MS - MINUTE_MS,
    cause: null,
  },
  {
    name: "an administrator, waited exactly ESCALATE_AFTER_DAYS",
    admin: { role: "ADMIN" },
    waitedMs: AFTER_DAYS * DAY_MS,
    cause: "pendingTooLong",
  },
  {
    name: "an administrator, waited longer",
    admin: { role: "ADMIN" },
    waitedMs: (AFTER_DAYS + 3) * DAY_MS,
    cause: "pendingTooLong",
  },
  {
    // Both causes: nobody to decide comes first.
    name: "no administrator, waited longer",
    admin: { role: "USER" },
    waitedMs: (AFTER_DAYS + 3) * DAY_MS,
    cause: "noActiveAdmin",
  },
  {
    name: "no administrator, already escalated",
    admin: { role: "USER" },
    escalated: true,
    cause: null,
  },
  {
    name: "an administrator, waited longer, already escalated",
    admin: { role: "ADMIN" },
    waitedMs: (AFTER_DAYS + 3) * DAY_MS,
    escalated: true,
    cause: null,
  },
];

/** Account X with the case's administrator, and a requester with a complete profile. */
async function worldOf(kase: Case) {
  const [account, other] = await Promise.all([createAccount(), createAccount()]);
  if (kase.admin) {
    const candidate = await createUser(kase.admin.disabled ? { disabledAt: new Date() } : {});
    const membership = await createMembership(
      candidate.id,
      kase.admin.ofOtherAccount ? other.id : account.id,
      kase.admin.role,
      {
        endsAt:
          kase.admin.endsInHours === undefined
            ? null
            : new Date(Date.now() + kase.admin.endsInHours * HOUR_MS),
        active: !kase.admin.ended,
      },
    );
    if (kase.admin.ended)
      await db.membership.update({
        where: { id: membership.id },
        data: { endedAt: new Date(Date.now() - HOUR_MS), endCause: "REMOVED" },
      });
  }
  return { account, requester: await createUser() };
}

type World = Awaited<ReturnType<typeof worldOf>>;

/** The request as the case has it: pending for `waitedMs` as of `now`. */
function caseRequest(world: World, kase: Case, now: Date) {
  return createRequest({
    accountId: world.account.id,
    requesterId: world.requester.id,
    createdAt: new Date(now.getTime() - (kase.waitedMs ?? DAY_MS + MINUTE_MS)),
    escalatedAt: kase.escalated ? new Date(now.getTime() - HOUR_MS) : null,
  });
}

/** Why the request was escalated now, from its audit event (null: not escalated by the path). */
async function escalationCauseOf(requestId: string): Promise<Cause> {
  const events = await db.auditEvent.findMany({
    where: { action: "request.escalated", subjectId: requestId },
    select: { after: true },
  });
  expect(events.length).toBeLessThanOrEqual(1);
  return ((events[0]?.after as { cause?: Cause } | undefined)?.cause ?? null) as Cause;
}

const paths: Record<
  string,
  { applies: (kase: Case) => boolean; run: (kase: Case) => Promise<Cause> }
> = {
  "UI: the requester submits a request (submitRequest)": {
    // The submit makes a new request: it has waited nothing and is not escalated yet.
    applies: (kase) => kase.waitedMs === undefined && !kase.escalated,
    run: async (kase) => {
      const world = await worldOf(kase);
      const submitted = await submitRequest.execute(world.requester, {
        accountId: world.account.id,
        domain: world.account.domains[0]!.domain,
        reason,
      });
      if (submitted.outcome !== "created") throw new Error("expected a new request");
      return escalationCauseOf(submitted.requestId);
    },
  },
  "UI: the requester sends a reminder (sendReminder)": {
    applies: () => true,
    run: async (kase) => {
      const world = await worldOf(kase);
      const request = await caseRequest(world, kase, new Date());
      await sendReminder.execute(world.requester, { requestId: request.id });
      return escalationCauseOf(request.id);
    },
  },
  "worker: the request sweep (escalateWaitingRequests)": {
    applies: () => true,
    run: async (kase) => {
      const world = await worldOf(kase);
      const now = new Date();
      const request = await caseRequest(world, kase, now);
      await escalateWaitingRequests(db, { now, afterDays: AFTER_DAYS });
      return escalationCauseOf(request.id);
    },
  },
};

describe("escalation due: one rule, every path", () => {
  // The sweep escalates every due request: start each case from none.
  beforeEach(async () => {
    await db.accessRequest.deleteMany();
  });

  for (const [path, { applies, run }] of Object.entries(paths)) {
    describe(path, () => {
      it.each(cases.filter(applies))("$name: $cause", async (kase) => {
        expect(await run(kase)).toBe(kase.cause);
      });
    });
  }
});
