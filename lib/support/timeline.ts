import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { EmailStatus } from "@/lib/generated/prisma/enums";
import { renderStoredEmail, storedEmailSelect } from "@/lib/mail/render";
import { assertSupportStaff } from "./access";

/** Enough for any real request; beyond it the oldest entries are left out and the page says so. */
export const TIMELINE_LIMIT = 500;

export interface TimelinePerson {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
}

export interface AuditTimelineEntry {
  kind: "audit";
  key: string;
  at: Date;
  action: string;
  subjectType: string;
  subjectId: string;
  /** Null when the system acted (the worker, an escalation). */
  actor: TimelinePerson | null;
  before: unknown;
  after: unknown;
}

export interface EmailTimelineEntry {
  kind: "email";
  key: string;
  at: Date;
  id: string;
  to: string;
  template: string;
  locale: string;
  /** Null when the stored payload no longer renders, or is gone. */
  subject: string | null;
  /** The payload was removed after the retention period (lib/mail/retention.ts); the rest stays. */
  contentRemoved: boolean;
  status: EmailStatus;
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
  nextAttemptAt: Date;
}

export type TimelineEntry = AuditTimelineEntry | EmailTimelineEntry;

export interface Timeline {
  entries: TimelineEntry[];
  /** True when older entries were left out (more than TIMELINE_LIMIT of a kind). */
  truncated: boolean;
}

/**
 * Everything that happened to a request, oldest first: its audit events and those of its support
 * cases, and every email it caused with its delivery state. Entries are placed by the time their row
 * was written; on an equal time an audit event (a cause) comes before an email (an effect).
 * Support staff only.
 */
export async function requestTimeline(
  viewer: Pick<Actor, "id">,
  requestId: string,
  supportCaseIds: string[],
  limit = TIMELINE_LIMIT,
): Promise<Timeline> {
  await assertSupportStaff(viewer);
  const subjects = [{ subjectType: "AccessRequest", subjectId: requestId }];
  if (supportCaseIds.length)
    subjects.push(
      ...supportCaseIds.map((subjectId) => ({ subjectType: "SupportCase", subjectId })),
    );
  const [events, emails] = await Promise.all([
    db.auditEvent.findMany({
      where: { OR: subjects },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit + 1,
      select: {
        id: true,
        action: true,
        subjectType: true,
        subjectId: true,
        before: true,
        after: true,
        createdAt: true,
        actor: { select: { id: true, email: true, firstName: true, lastName: true } },
      },
    }),
    db.emailMessage.findMany({
      where: { requestId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit + 1,
      select: {
        ...storedEmailSelect,
        attempts: true,
        lastError: true,
        sentAt: true,
        nextAttemptAt: true,
        createdAt: true,
      },
    }),
  ]);
  const truncated = events.length > limit || emails.length > limit;
  const auditEntries: AuditTimelineEntry[] = events.slice(0, limit).map((event) => ({
    kind: "audit",
    key: `audit-${event.id}`,
    at: event.createdAt,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    actor: event.actor,
    before: event.before,
    after: event.after,
  }));
  const emailEntries: EmailTimelineEntry[] = await Promise.all(
    emails.slice(0, limit).map(async (email) => ({
      kind: "email" as const,
      key: `email-${email.id}`,
      at: email.createdAt,
      id: email.id,
      to: email.to,
      template: email.template,
      locale: email.locale,
      subject: (await renderStoredEmail(email))?.subject ?? null,
      contentRemoved: email.payload === null,
      status: email.status,
      attempts: email.attempts,
      lastError: email.lastError,
      sentAt: email.sentAt,
      nextAttemptAt: email.nextAttemptAt,
    })),
  );
  // Both lists come newest first; reversed, each is oldest first with its own tie order kept.
  const entries = [...auditEntries.reverse(), ...emailEntries.reverse()].sort(
    (a, b) =>
      a.at.getTime() - b.at.getTime() || (a.kind === b.kind ? 0 : a.kind === "audit" ? -1 : 1),
  );
  return { entries, truncated };
}
