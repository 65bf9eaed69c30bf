import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { approveRequest, denyRequest } from "@/lib/admin/approve-or-deny";
import { grantableRoles } from "@/lib/admin/rules";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { sweepRequests } from "@/lib/requests/sweep";
import { submitRequest } from "@/lib/requests/submit-request";
import { withdrawRequest } from "@/lib/requests/withdraw-request";
import { createAccount, createAdmin, createUser } from "../factories";

/**
 * The four ways a pending request ends, raced against each other on one request with random
 * timing: the requester withdrawing, one administrator approving, another denying, and the expiry
 * sweep (the request made overdue at a random moment, then the worker's sweep pass). Whatever the
 * order, exactly one of them ends the request and the others are refused cleanly.
 */

const ROUNDS = 50;
/** Random spread of the contenders' starts, on top of the hold-backs that even out their speeds. */
const JITTER_MS = 20;
/** Timestamps are stored to the millisecond, and may be rounded up to the next one. */
const CLOCK_TOLERANCE_MS = 2;

const CONTENDERS = ["withdraw", "approve", "deny", "expire"] as const;
type Contender = (typeof CONTENDERS)[number];
type Role = (typeof grantableRoles)[number];

const endingOf = {
  withdraw: { status: "WITHDRAWN", event: "request.withdrawn", email: null },
  approve: { status: "APPROVED", event: "request.approved", email: "request-approved" },
  deny: { status: "DENIED", event: "request.denied", email: "request-denied" },
  expire: { status: "EXPIRED", event: "request.expired", email: "request-expired" },
} as const;
const terminalEvents: string[] = Object.values(endingOf).map((ending) => ending.event);

interface Attempt {
  contender: Contender;
  startedAt: number;
  settledAt: number;
  won: boolean;
  refusal?: AppError;
  unexpected?: unknown;
}

/** A small seeded generator (mulberry32), so that a failing run can be replayed with its seed. */
function randomSource(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One account with two administrators, shared by the rounds; each round has its own requester and request. */
async function setUpStage() {
  const domain = `race-${Math.random().toString(36).slice(2, 10)}.example`;
  const account = await createAccount({ domains: [domain] });
  const approver = await createAdmin([account.id], { firstName: "Approving", lastName: "Admin" });
  const denier = await createAdmin([account.id], { firstName: "Denying", lastName: "Admin" });
  return { domain, account, approver, denier };
}

type Stage = Awaited<ReturnType<typeof setUpStage>>;
/** `overdueAt`: when the request's lifetime was being made to end (just before the UPDATE). */
type Round = Stage & { requester: Actor; requestId: string; overdueAt?: number };

async function newRound(stage: Stage): Promise<Round> {
  const requester = await createUser();
  const submitted = await submitRequest.execute(requester, {
    accountId: stage.account.id,
    domain: stage.domain,
    reason: "I need to manage our licences.",
  });
  if (submitted.outcome !== "created") throw new Error(`submit answered ${submitted.outcome}`);
  return { ...stage, requester, requestId: submitted.requestId };
}

/** Each contender's move, as the app makes it; true when it ended the request. */
const moves: Record<Contender, (round: Round, role: Role) => Promise<boolean>> = {
  withdraw: async ({ requester, requestId }) => (
    await withdrawRequest.execute(requester, { requestId }),
    true
  ),
  approve: async ({ approver, requestId }, role) => (
    await approveRequest.execute(approver, { requestId, role }),
    true
  ),
  deny: async ({ denier, requestId }) => (
    await denyRequest.execute(denier, { requestId, reason: "Not this time." }),
    true
  ),
  expire: async () => {
    const { expired } = await sweepRequests(db);
    if (expired > 1) throw new Error(`the sweep expired ${expired} requests, only one was overdue`);
    return expired === 1;
  },
};

/** Time passes: the request is due to expire. */
const makeOverdue = (requestId: string) =>
  db.accessRequest.update({
    where: { id: requestId },
    data: { expiresAt: new Date(Date.now() - 1_000) },
  });

/** Runs one move after its delay; a CONFLICT is the clean refusal of a request already ended. */
async function attempt(
  contender: Contender,
  delayMs: number,
  move: () => Promise<boolean>,
): Promise<Attempt> {
  await sleep(delayMs);
  const startedAt = Date.now();
  try {
    const won = await move();
    return { contender, startedAt, settledAt: Date.now(), won };
  } catch (error) {
    const settledAt = Date.now();
    if (error instanceof AppError && error.code === "CONFLICT")
      return { contender, startedAt, settledAt, won: false, refusal: error };
    return { contender, startedAt, settledAt, won: false, unexpected: error };
  }
}

/**
 * Moves differ in speed (an approval reads the decider and the request before its UPDATE, a
 * withdrawal goes straight to it) and the machine's load changes that: each round's winner starts
 * HOLD_BACK_MS later in the following rounds, so that every move wins some rounds on any machine,
 * while the jitter keeps the order random.
 */
const HOLD_BACK_MS = 8;

function holdBackWinner(holdBack: Record<Contender, number>, winner: Contender | undefined): void {
  if (winner) holdBack[winner] += HOLD_BACK_MS;
  const least = Math.min(...Object.values(holdBack));
  for (const contender of CONTENDERS) holdBack[contender] -= least;
}

async function race(
  round: Round,
  random: () => number,
  role: Role,
  holdBack: Record<Contender, number>,
): Promise<Attempt[]> {
  const delay = (contender: Contender) => holdBack[contender] + Math.floor(random() * JITTER_MS);
  const sweepAt = delay("expire");
  const overdueAt = Math.floor(random() * sweepAt);
  return Promise.all(
    CONTENDERS.map(async (contender) => {
      if (contender !== "expire")
        return attempt(contender, delay(contender), () => moves[contender](round, role));
      // The request becomes overdue at a random moment, and the worker's sweep runs after it.
      await sleep(overdueAt);
      // Noted before the UPDATE: its commit can reach an administrator's read before this
      // function's await returns, so a time taken after it could come after that refusal.
      round.overdueAt = Date.now();
      await makeOverdue(round.requestId);
      return attempt(contender, Math.max(0, sweepAt - overdueAt), () => moves.expire(round, role));
    }),
  );
}

/** Everything wrong with one round, as sentences (none: the round is clean). */
async function anomaliesOf(round: Round, attempts: Attempt[], role: string): Promise<string[]> {
  const anomalies: string[] = [];
  const { requestId } = round;
  for (const a of attempts)
    if (a.unexpected) anomalies.push(`${a.contender} failed unexpectedly: ${String(a.unexpected)}`);
  const winners = attempts.filter((a) => a.won);
  if (winners.length !== 1)
    anomalies.push(`${winners.length} winners: ${winners.map((a) => a.contender).join(", ")}`);
  const winner = winners[0];
  if (!winner) return anomalies;
  const ending = endingOf[winner.contender];

  const request = await db.accessRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: {
      status: true,
      grantedRole: true,
      decidedAt: true,
      decidedById: true,
      decidedBy: { select: { firstName: true, lastName: true } },
    },
  });
  if (request.status !== ending.status)
    anomalies.push(`${winner.contender} won but the request is ${request.status}`);
  const decidedAt = request.decidedAt?.getTime() ?? NaN;
  if (!(
    decidedAt >= winner.startedAt - CLOCK_TOLERANCE_MS &&
    decidedAt <= winner.settledAt + CLOCK_TOLERANCE_MS
  )) {
    anomalies.push(
      `decidedAt ${request.decidedAt?.toISOString()} lies outside the winning ${winner.contender}`,
    );
  }
  const decider =
    { approve: round.approver.id, deny: round.denier.id }[winner.contender as "approve" | "deny"] ??
    null;
  if (request.decidedById !== decider)
    anomalies.push(`decidedById ${request.decidedById}, expected ${decider}`);

  // The losers were told how the request ended (and, for the administrators, by whom and when).
  for (const loser of attempts.filter((a) => !a.won && !a.unexpected)) {
    if (loser.contender === "expire") continue; // the sweep just finds nothing to expire
    const details = loser.refusal?.details ?? {};
    // An administrator who comes after the request's lifetime ended (and before the sweep or a
    // withdrawal ended it) is refused because it expired.
    if ((details.fieldErrors as { _form?: string } | undefined)?._form === "requestExpired") {
      if (
        loser.contender === "withdraw" ||
        round.overdueAt === undefined ||
        round.overdueAt > loser.settledAt
      ) {
        anomalies.push(`${loser.contender} was refused as expired before the request was overdue`);
      }
      continue;
    }
    const expected: Record<string, unknown> = { status: request.status };
    if (loser.contender !== "withdraw") {
      expected.decidedBy = request.decidedBy
        ? `${request.decidedBy.firstName} ${request.decidedBy.lastName}`
        : null;
      expected.decidedAt = request.decidedAt?.toISOString() ?? null;
    }
    for (const [key, value] of Object.entries(expected)) {
      if (details[key] !== value)
        anomalies.push(
          `${loser.contender} was refused with ${key}=${String(details[key])}, expected ${String(value)}`,
        );
    }
  }

  const membership = await db.membership.findUnique({
    where: { userId_accountId: { userId: round.requester.id, accountId: round.account.id } },
    select: { role: true, active: true },
  });
  if (winner.contender === "approve") {
    if (!membership?.active || membership.role !== role || request.grantedRole !== role) {
      anomalies.push(
        `approved with ${role}: membership ${JSON.stringify(membership)}, grantedRole ${request.grantedRole}`,
      );
    }
  } else if (membership) {
    anomalies.push(`${request.status} yet the requester is a member (${membership.role})`);
  }

  // One email tells the requester how it ended; withdrawing is their own doing and sends none.
  const toRequester = await db.emailMessage.findMany({
    where: { requestId, to: round.requester.email },
    select: { template: true },
  });
  const expectedEmails = ending.email ? [ending.email] : [];
  if (JSON.stringify(toRequester.map((e) => e.template)) !== JSON.stringify(expectedEmails)) {
    anomalies.push(
      `requester emails ${JSON.stringify(toRequester.map((e) => e.template))}, expected ${JSON.stringify(expectedEmails)}`,
    );
  }
  // (Requesters of earlier rounds approved as ADMIN are administrators too, and were notified as well.)
  for (const admin of [round.approver, round.denier]) {
    const notices = await db.emailMessage.findMany({
      where: { requestId, to: admin.email },
      select: { template: true },
    });
    if (notices.length !== 1 || notices[0]!.template !== "request-to-admins")
      anomalies.push(
        `${admin.email} got ${JSON.stringify(notices)}, expected the submission's notice`,
      );
  }

  // The history reads as it happened: submitted, then the one ending, recorded during the winning call.
  const events = await db.auditEvent.findMany({
    where: { subjectType: "AccessRequest", subjectId: requestId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { action: true, actorId: true, createdAt: true },
  });
  const actions = events.map((e) => e.action);
  if (JSON.stringify(actions) !== JSON.stringify(["request.submitted", ending.event])) {
    anomalies.push(
      `audit events ${JSON.stringify(actions)}, expected submitted then ${ending.event}`,
    );
  }
  const terminal = events.filter((e) => terminalEvents.includes(e.action));
  const ended = terminal[0];
  if (terminal.length === 1 && ended) {
    const at = ended.createdAt.getTime();
    if (at < winner.startedAt - CLOCK_TOLERANCE_MS || at > winner.settledAt + CLOCK_TOLERANCE_MS) {
      anomalies.push(
        `${ended.action} recorded at ${ended.createdAt.toISOString()}, outside the winning call`,
      );
    }
    const actor = winner.contender === "withdraw" ? round.requester.id : decider;
    if (ended.actorId !== actor)
      anomalies.push(`${ended.action} recorded for actor ${ended.actorId}, expected ${actor}`);
  }
  const started = Math.min(...attempts.map((a) => a.startedAt));
  if (events[0] && events[0].createdAt.getTime() > started + CLOCK_TOLERANCE_MS)
    anomalies.push("the submission is recorded after the race began");
  return anomalies;
}

describe("withdraw, approve, deny and expiry racing on one request", () => {
  it(`${ROUNDS} rounds of random timing: one ending, its membership, its one email and its audit event; the others refused`, async () => {
    const seed = Number(process.env.INTERLEAVING_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const random = randomSource(seed);
    const stage = await setUpStage();
    const holdBack: Record<Contender, number> = { withdraw: 0, approve: 0, deny: 0, expire: 0 };
    const wins: Record<Contender, number> = { withdraw: 0, approve: 0, deny: 0, expire: 0 };
    const anomalies: string[] = [];
    let anomalousRounds = 0;
    const began = Date.now();

    for (let i = 0; i < ROUNDS; i += 1) {
      const round = await newRound(stage);
      const role = grantableRoles[Math.floor(random() * grantableRoles.length)]!;
      const attempts = await race(round, random, role, holdBack);
      for (const a of attempts) if (a.won) wins[a.contender] += 1;
      holdBackWinner(holdBack, attempts.find((a) => a.won)?.contender);
      const found = await anomaliesOf(round, attempts, role);
      if (found.length) anomalousRounds += 1;
      anomalies.push(...found.map((text) => `round ${i + 1}: ${text}`));
    }

    console.info(
      `interleavings (seed ${seed}, final hold-backs ${JSON.stringify(holdBack)} ms): ${ROUNDS} rounds / ${anomalousRounds} anomalies ` +
        `in ${((Date.now() - began) / 1000).toFixed(1)} s; won by withdraw ${wins.withdraw}, approve ${wins.approve}, deny ${wins.deny}, expire ${wins.expire}`,
    );
    expect(anomalies).toEqual([]);
    // Had one move won every round, nothing would have raced.
    expect(Object.values(wins).filter((count) => count > 0).length).toBeGreaterThanOrEqual(3);
  });
});
