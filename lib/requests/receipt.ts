import { z } from "zod";
import { db } from "@/lib/db/client";
import { readActiveAdmins } from "@/lib/db/sql/recipients";
import { AppError } from "@/lib/errors";

/*
 * The requester's receipt: how many administrators were told of their request, when, and what the
 * outbox did with those emails. Counts only, never who. Read from the outbox rows the submit (and
 * each reminder) queued for the request with the template "request-to-admins"
 * (lib/requests/notify.ts); an administrator counts once, by their best outcome
 * (SENT > QUEUED > HELD > FAILED), so a reminder's second email does not count them twice.
 */

export interface RequestReceipt {
  requestId: string;
  /** When the first administrator's email was queued; null when nobody was notified. */
  notifiedAt: Date | null;
  /** Administrators notified (distinct addresses). */
  notified: number;
  /** Of them: the SMTP server accepted the email. */
  delivered: number;
  /** Still waiting for the outbox. */
  queued: number;
  /** Never sent: no SMTP server is configured (the demo). */
  held: number;
  /** Every attempt failed. */
  failed: number;
  /** When support was asked to step in (no active administrator, or waiting too long). */
  escalatedAt: Date | null;
  /** The newest support case about the request, if the requester opened one. */
  supportCaseId: string | null;
}

const RANK = { SENT: 4, QUEUED: 3, HELD: 2, FAILED: 1 } as const;
type Status = keyof typeof RANK;

// Ids are text (the seed names some); hostile ones are simply unknown.
const requestIdSchema = z.string().trim().min(1).max(100);

/**
 * The receipts of the actor's own requests among `requestIds`; another person's request (or no
 * such request) is simply absent: authorized here, from the database, by the requester's id.
 */
export async function readRequestReceipts(
  actorId: string,
  requestIds: readonly string[],
): Promise<Map<string, RequestReceipt>> {
  const ids = requestIds.filter((id) => requestIdSchema.safeParse(id).success);
  const receipts = new Map<string, RequestReceipt>();
  if (ids.length === 0) return receipts;
  const requests = await db.accessRequest.findMany({
    where: { id: { in: ids }, requesterId: actorId },
    select: { id: true, escalatedAt: true },
  });
  if (requests.length === 0) return receipts;
  const own = requests.map((request) => request.id);
  const [emails, cases] = await Promise.all([
    db.emailMessage.findMany({
      where: { requestId: { in: own }, template: "request-to-admins" },
      select: { requestId: true, to: true, status: true, createdAt: true },
    }),
    db.supportCase.findMany({
      where: { requestId: { in: own } },
      orderBy: { createdAt: "desc" },
      select: { id: true, requestId: true },
    }),
  ]);
  for (const request of requests) {
    const best = new Map<string, Status>();
    let notifiedAt: Date | null = null;
    for (const email of emails) {
      if (email.requestId !== request.id) continue;
      const status = email.status as Status;
      const address = email.to.toLowerCase();
      const previous = best.get(address);
      if (!previous || RANK[status] > RANK[previous]) best.set(address, status);
      if (!notifiedAt || email.createdAt < notifiedAt) notifiedAt = email.createdAt;
    }
    const count = (status: Status) => [...best.values()].filter((s) => s === status).length;
    receipts.set(request.id, {
      requestId: request.id,
      notifiedAt,
      notified: best.size,
      delivered: count("SENT"),
      queued: count("QUEUED"),
      held: count("HELD"),
      failed: count("FAILED"),
      escalatedAt: request.escalatedAt,
      supportCaseId: cases.find((c) => c.requestId === request.id)?.id ?? null,
    });
  }
  return receipts;
}

/** One request's receipt; NOT_FOUND when it is not the actor's (the same answer as no request). */
export async function readRequestReceipt(
  actorId: string,
  requestId: unknown,
): Promise<RequestReceipt> {
  const parsed = requestIdSchema.safeParse(requestId);
  if (!parsed.success) throw new AppError("NOT_FOUND", "No such request");
  const receipt = (await readRequestReceipts(actorId, [parsed.data])).get(parsed.data);
  if (!receipt) throw new AppError("NOT_FOUND", "No such request");
  return receipt;
}

/**
 * Before sending: whether the account has an active administrator to read the request
 * (lib/memberships/active-admin.ts, through readActiveAdmins: the one rule). A yes/no only; any
 * signed-in requester may ask about an account the lookup showed them.
 */
export async function accountHasActiveAdmin(accountId: unknown): Promise<boolean> {
  const parsed = requestIdSchema.safeParse(accountId);
  if (!parsed.success) throw new AppError("NOT_FOUND", "No such account");
  const account = await db.account.findFirst({
    where: { id: parsed.data, status: "ACTIVE" },
    select: { id: true },
  });
  if (!account) throw new AppError("NOT_FOUND", "No such account");
  return (await readActiveAdmins(db, account.id, new Date())).length > 0;
}
