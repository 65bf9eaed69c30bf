import type { PlannedLine } from "@/lib/members-import/preview";
import { describeAccess } from "@/lib/virtual-accounts/describe";
import type { AccessView } from "@/lib/virtual-accounts/grants";

/** A translator over the whole catalog (next-intl's useTranslations() without a namespace). */
type Translate = (key: string, values?: Record<string, string | number>) => string;

/*
 * One line of the preview in words, from the catalog section membersImport: what happens to the
 * person ("Added", "Already a member: access changes" …), and the details below it.
 */

const accessWords = (t: Translate, view: AccessView) =>
  describeAccess(t as (key: string, values?: Record<string, string>) => string, view).join("; ");

export function lineWords(
  t: Translate,
  line: PlannedLine,
  date: (iso: string) => string,
): { outcome: string; details: string[] } {
  const outcome = t(`membersImport.outcomes.${line.outcome}`);
  if (line.outcome === "refused")
    return { outcome, details: [t(`membersImport.reasons.${line.reason ?? "notAnEmail"}`)] };
  const access = line.access ? accessWords(t, line.access) : "";
  const until = line.endsAt ? { date: date(line.endsAt) } : null;
  const details: string[] = [];
  if (line.outcome === "changed" && line.previous)
    details.push(
      t(until ? "membersImport.dialog.changesToUntil" : "membersImport.dialog.changesTo", {
        previous: accessWords(t, line.previous),
        access,
        ...until,
      }),
    );
  else
    details.push(
      t(until ? "membersImport.dialog.accessUntil" : "membersImport.dialog.access", {
        access,
        ...until,
      }),
    );
  if (line.pendingRequestId) details.push(t("membersImport.pendingRequest"));
  if (line.invitation && line.outcome === "added") details.push(t("membersImport.dialog.invited"));
  return { outcome, details };
}
