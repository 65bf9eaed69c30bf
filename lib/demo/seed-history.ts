import type { Prisma } from "@/lib/generated/prisma/client";
import type { GrantedScope } from "@/lib/requests/granted-scope";
import {
  DEMO_HISTORY_DAYS,
  DEMO_REQUEST_TTL_DAYS,
  demoHistoryRequests,
  demoHistoryUsers,
  historyAccounts,
  type DemoHistoryRequest,
} from "./demo-history";
import { demoUsers } from "./demo-data";

const DAY = 24 * 60 * 60 * 1000;
const ORIGIN = "http://localhost:3000";

type EmailRow = Prisma.EmailMessageCreateManyInput;
type AuditRow = Prisma.AuditEventCreateManyInput;

/**
 * The insights history (lib/demo/demo-history.ts): its requesters, requests, the memberships the
 * approvals gave, and what the real flow would have recorded of them (emails, audit events). A few
 * statements whatever the volume; a request already there is left as it is (people may have decided
 * or withdrawn the pending ones), and only the rows of the missing ones are written.
 */
export async function seedDemoHistory(tx: Prisma.TransactionClient, now: Date): Promise<void> {
  // Signed up before their first request.
  const joined = new Date(now.getTime() - (DEMO_HISTORY_DAYS + 14) * DAY);
  await tx.user.createMany({
    data: demoHistoryUsers.map((user) => ({ ...user, emailVerified: joined, createdAt: joined })),
    skipDuplicates: true,
  });
  // A requester's address taken by someone else (db:seed on a used database) leaves theirs out.
  const requesters = new Set(
    (
      await tx.user.findMany({
        where: { id: { in: demoHistoryUsers.map((user) => user.id) } },
        select: { id: true },
      })
    ).map((user) => user.id),
  );
  const all = demoHistoryRequests(now).filter((request) => requesters.has(request.requesterId));
  const existing = new Set(
    (
      await tx.accessRequest.findMany({
        where: { id: { in: all.map((request) => request.id) } },
        select: { id: true },
      })
    ).map((request) => request.id),
  );
  const requests = all.filter((request) => !existing.has(request.id));
  if (requests.length === 0) return;

  await tx.accessRequest.createMany({ data: requests.map(requestRow), skipDuplicates: true });
  const approved = requests.filter((request) => request.status === "APPROVED");
  await tx.membership.createMany({
    data: approved.map((request) => ({
      userId: request.requesterId,
      accountId: request.accountId,
      role: request.grantedRole!,
      grantedAt: request.decidedAt!,
      createdAt: request.decidedAt!,
      grantedByRequestId: request.id,
    })),
    skipDuplicates: true,
  });
  const memberships = new Map(
    (
      await tx.membership.findMany({
        where: { grantedByRequestId: { in: approved.map((request) => request.id) } },
        select: { id: true, grantedByRequestId: true },
      })
    ).map((membership) => [membership.grantedByRequestId!, membership.id]),
  );
  await tx.emailMessage.createMany({
    data: requests.flatMap((request) => emailRows(request)),
  });
  await tx.auditEvent.createMany({
    data: requests.flatMap((request) => auditRows(request, memberships.get(request.id))),
  });
}

function requestRow(request: DemoHistoryRequest): Prisma.AccessRequestCreateManyInput {
  const { remindedAt, grantedRole, ...row } = request;
  const granted: GrantedScope | null = grantedRole
    ? { scope: "account", role: grantedRole, virtualAccounts: [] }
    : null;
  return {
    ...row,
    grantedRole,
    // As lib/admin/decision-step.ts keeps it for an approval of the whole account.
    ...(granted ? { grantedScope: granted } : {}),
    expiresAt: new Date(request.createdAt.getTime() + DEMO_REQUEST_TTL_DAYS * DAY),
    updatedAt: request.decidedAt ?? remindedAt.at(-1) ?? request.createdAt,
    reminderCount: remindedAt.length,
    lastRemindedAt: remindedAt.at(-1) ?? null,
  };
}

const people = new Map(
  [...demoUsers, ...demoHistoryUsers].map((person) => [
    person.id,
    { ...person, name: `${person.firstName} ${person.lastName ?? ""}`.trim() },
  ]),
);
const accounts = new Map(historyAccounts().map((account) => [account.id, account]));
const supportStaff = demoUsers.filter((user) => user.platformRole !== "NONE");

/** A stable "random" number in [0, 1) for a row, so that the same emails fail at every seed. */
function hashOf(text: string): number {
  let hash = 0;
  for (const char of text) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return (hash >>> 0) / 4294967296;
}

/**
 * The emails the request's events queued, as they ended. These are history rows, of a past the
 * demo did not live: written as HELD (or, one in thirty, FAILED after every attempt) at the time of
 * the event, never QUEUED, so no worker ever sends them, whatever SMTP server is configured. Never
 * SENT: no SMTP server accepted them, and an email is recorded as sent only when one did. What the
 * demo mails from now on is held too (no SMTP server) and shown on the dev mailbox, as always.
 */
function emailRows(request: DemoHistoryRequest): EmailRow[] {
  const requester = people.get(request.requesterId)!;
  const account = accounts.get(request.accountId)!;
  const facts = {
    requesterName: requester.name,
    accountName: account.name,
    domain: request.domain,
  };
  const rows: EmailRow[] = [];
  const email = (
    at: Date,
    to: { email: string; locale: "en" | "fr" },
    template: string,
    payload: Prisma.InputJsonObject,
  ) => {
    const failed = hashOf(`${request.id} ${template} ${rows.length}`) < 1 / 30;
    rows.push({
      to: to.email,
      locale: to.locale,
      template,
      requestId: request.id,
      payload,
      createdAt: at,
      nextAttemptAt: at,
      ...(failed
        ? {
            status: "FAILED" as const,
            attempts: 8,
            lastError: `450 4.2.2 <${to.email}>: mailbox full`,
          }
        : { status: "HELD" as const, attempts: 0 }),
    });
  };
  for (const [index, at] of [request.createdAt, ...request.remindedAt].entries()) {
    for (const admin of account.admins)
      email(at, admin, "request-to-admins", {
        ...facts,
        requesterEmail: requester.email,
        company: requester.company ?? "",
        reason: request.reason,
        url: `${ORIGIN}/admin/requests/${request.id}`,
        reminder: index > 0,
      });
  }
  if (request.escalatedAt) {
    for (const staff of supportStaff)
      email(request.escalatedAt, staff, "request-escalated", {
        ...facts,
        requesterEmail: requester.email,
        url: `${ORIGIN}/support/requests/${request.id}`,
        cause: "pendingTooLong",
        days: Math.round((request.escalatedAt.getTime() - request.createdAt.getTime()) / DAY),
      });
  }
  const decider = request.decidedById ? people.get(request.decidedById)! : null;
  const decidedBy = { deciderName: decider?.name ?? "", onBehalfOfAccount: false };
  if (request.status === "APPROVED")
    email(request.decidedAt!, requester, "request-approved", {
      ...facts,
      ...decidedBy,
      role: request.grantedRole,
      scope: { scope: "account", role: request.grantedRole, virtualAccounts: [] },
      endsAt: null,
      url: `${ORIGIN}/requests`,
    });
  if (request.status === "DENIED")
    email(request.decidedAt!, requester, "request-denied", {
      ...facts,
      ...decidedBy,
      reason: request.decisionNote,
      url: `${ORIGIN}/requests/new`,
    });
  if (request.status === "EXPIRED")
    email(request.decidedAt!, requester, "request-expired", {
      ...facts,
      days: DEMO_REQUEST_TTL_DAYS,
      url: `${ORIGIN}/requests/new`,
    });
  return rows;
}

/** The audit events the real flow writes for these steps (lib/audit/record.ts's shapes). */
function auditRows(request: DemoHistoryRequest, membershipId: string | undefined): AuditRow[] {
  const subject = { subjectType: "AccessRequest", subjectId: request.id };
  const rows: AuditRow[] = [
    {
      ...subject,
      actorId: request.requesterId,
      action: "request.submitted",
      after: {
        status: "PENDING",
        accountId: request.accountId,
        domain: request.domain,
        reason: request.reason,
      },
      createdAt: request.createdAt,
    },
  ];
  request.remindedAt.forEach((at, index) =>
    rows.push({
      ...subject,
      actorId: request.requesterId,
      action: "request.reminded",
      after: {
        reminderCount: index + 1,
        notifiedAdmins: accounts.get(request.accountId)!.admins.length,
      },
      createdAt: at,
    }),
  );
  if (request.escalatedAt)
    rows.push({
      ...subject,
      action: "request.escalated",
      after: { cause: "pendingTooLong" },
      createdAt: request.escalatedAt,
    });
  if (request.status === "PENDING") return rows;
  const details =
    request.status === "APPROVED"
      ? {
          scope: "ACCOUNT",
          role: request.grantedRole,
          endsAt: null,
          membershipId: membershipId ?? null,
        }
      : request.status === "DENIED"
        ? { reason: request.decisionNote }
        : {};
  rows.push({
    ...subject,
    actorId: request.status === "WITHDRAWN" ? request.requesterId : request.decidedById,
    action: `request.${request.status.toLowerCase()}`,
    before: { status: "PENDING" },
    after: { status: request.status, ...details },
    createdAt: request.decidedAt!,
  });
  if (membershipId)
    rows.push({
      actorId: request.decidedById,
      action: "membership.granted",
      subjectType: "Membership",
      subjectId: membershipId,
      after: {
        scope: "ACCOUNT",
        role: request.grantedRole,
        active: true,
        endsAt: null,
        requestId: request.id,
        accountId: request.accountId,
        userId: request.requesterId,
      },
      createdAt: request.decidedAt!,
    });
  return rows;
}
