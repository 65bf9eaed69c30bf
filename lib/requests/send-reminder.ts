import { defineMutation } from "@/lib/actions/mutation";
import { recordAudit } from "@/lib/audit/record";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { escalateIfNeeded } from "./escalation";
import { notifyAdmins, requestNoticeSelect } from "./notify";
import { explainUnchangedRequest } from "./own-request";
import { requestIdSchema } from "./schema";
import { HOUR_MS } from "@/lib/time";

/** When the requester may next send a reminder: one interval after submission or the last reminder. */
export function nextReminderAt(
  request: { createdAt: Date; lastRemindedAt: Date | null },
  intervalHours = env().REMINDER_INTERVAL_HOURS,
): Date {
  return new Date(
    (request.lastRemindedAt ?? request.createdAt).getTime() + intervalHours * HOUR_MS,
  );
}

/**
 * The requester reminds the administrators of a pending request, at most once per interval. The
 * interval is checked in the UPDATE itself, so two clicks at once send one reminder.
 */
export const sendReminder = defineMutation({
  name: "request.remind",
  input: requestIdSchema,
  async run({ actor, input, tx }) {
    const threshold = new Date(Date.now() - env().REMINDER_INTERVAL_HOURS * HOUR_MS);
    const { count } = await tx.accessRequest.updateMany({
      where: {
        id: input.requestId,
        requesterId: actor.id,
        status: "PENDING",
        OR: [
          { lastRemindedAt: null, createdAt: { lte: threshold } },
          { lastRemindedAt: { lte: threshold } },
        ],
      },
      data: { lastRemindedAt: new Date(), reminderCount: { increment: 1 } },
    });
    if (count === 0) {
      const request = await tx.accessRequest.findFirst({
        where: { id: input.requestId, requesterId: actor.id, status: "PENDING" },
        select: { createdAt: true, lastRemindedAt: true },
      });
      if (!request) throw await explainUnchangedRequest(tx, input.requestId, actor.id);
      const next = nextReminderAt(request);
      throw new AppError("RATE_LIMITED", "Reminder sent recently", {
        seconds: Math.max(1, Math.ceil((next.getTime() - Date.now()) / 1000)),
        nextReminderAt: next.toISOString(),
      });
    }
    const request = await tx.accessRequest.findUniqueOrThrow({
      where: { id: input.requestId },
      select: { ...requestNoticeSelect, reminderCount: true },
    });
    const notified = await notifyAdmins(tx, request, true);
    // With nobody left to remind (or after waiting too long), support staff step in, once.
    await escalateIfNeeded(tx, request);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "request.reminded",
      subjectType: "AccessRequest",
      subjectId: request.id,
      after: { reminderCount: request.reminderCount, notifiedAdmins: notified },
    });
    return { notifiedAdmins: notified };
  },
});
