import { useFormatter, useTranslations } from "next-intl";
import type {
  AuditTimelineEntry,
  EmailTimelineEntry,
  Timeline as TimelineData,
} from "@/lib/support/timeline";
import { EmailStatusBadge } from "./email-status-badge";
import { displayName } from "@/lib/people";
import { preciseDateTime } from "@/components/ui/date-formats";

/** Audit actions are catalog keys with "." → "_" (next-intl reads dots as nesting). */
const actionKey = (action: string) => `timeline.actions.${action.replaceAll(".", "_")}`;

function show(value: unknown): string {
  if (value === null || value === undefined) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function AuditChanges({ entry }: { entry: AuditTimelineEntry }) {
  const t = useTranslations("support.timeline");
  const before = asRecord(entry.before);
  const after = asRecord(entry.after);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  if (keys.length === 0) return null;
  return (
    <dl className="mt-2 grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
      {keys.map((key) => (
        <div key={key} className="contents">
          <dt className="font-mono text-xs leading-5 text-slate-600">{key}</dt>
          <dd className="whitespace-pre-wrap break-words text-slate-900">
            {key in before && key in after ? (
              <>
                <span className="text-slate-600 line-through decoration-slate-400">
                  {show(before[key])}
                </span>
                <span aria-hidden="true"> → </span>
                <span className="sr-only"> {t("changedTo")} </span>
                <span>{show(after[key])}</span>
              </>
            ) : key in before ? (
              <span>{t("removed", { value: show(before[key]) })}</span>
            ) : (
              <span>{show(after[key])}</span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function AuditItem({ entry }: { entry: AuditTimelineEntry }) {
  const t = useTranslations("support");
  const format = useFormatter();
  const key = actionKey(entry.action);
  const what = t.has(key as never) ? t(key as never) : entry.action;
  const who = entry.actor
    ? `${displayName(entry.actor)} (${entry.actor.email})`
    : t("timeline.system");
  return (
    <>
      <p className="font-semibold text-slate-900">{what}</p>
      <p className="text-sm text-slate-700">
        {t("timeline.byAt", { who, when: format.dateTime(entry.at, preciseDateTime) })}
        {entry.subjectType === "SupportCase" ? ` · ${t("timeline.aboutCase")}` : null}
      </p>
      <AuditChanges entry={entry} />
    </>
  );
}

function EmailItem({ entry }: { entry: EmailTimelineEntry }) {
  const t = useTranslations("support.timeline");
  const format = useFormatter();
  const when = (value: Date) => format.dateTime(value, preciseDateTime);
  return (
    <>
      <p className="flex flex-wrap items-center gap-2 font-semibold text-slate-900">
        <span>
          {t("email", {
            subject: entry.subject ?? t(entry.contentRemoved ? "contentRemoved" : "unrenderable"),
          })}
        </span>
        <EmailStatusBadge status={entry.status} label={t(`emailStatus.${entry.status}`)} />
      </p>
      <dl className="mt-2 grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-600">{t("to")}</dt>
        <dd className="break-all">{entry.to}</dd>
        <dt className="text-slate-600">{t("template")}</dt>
        <dd>
          <code>{entry.template}</code> ({entry.locale})
        </dd>
        <dt className="text-slate-600">{t("queuedAt")}</dt>
        <dd>{when(entry.at)}</dd>
        <dt className="text-slate-600">{t("attempts")}</dt>
        <dd>{entry.attempts}</dd>
        {entry.sentAt ? (
          <>
            <dt className="text-slate-600">{t("sentAt")}</dt>
            <dd>{when(entry.sentAt)}</dd>
          </>
        ) : null}
        {entry.status === "QUEUED" ? (
          <>
            <dt className="text-slate-600">{t("nextAttemptAt")}</dt>
            <dd>{when(entry.nextAttemptAt)}</dd>
          </>
        ) : null}
        {entry.lastError ? (
          <>
            <dt className="text-slate-600">{t("lastError")}</dt>
            <dd>
              <code className="whitespace-pre-wrap break-words text-red-800">
                {entry.lastError}
              </code>
            </dd>
          </>
        ) : null}
      </dl>
    </>
  );
}

/** What happened to a request, oldest first: audit events and the emails they caused. */
export function Timeline({ timeline }: { timeline: TimelineData }) {
  const t = useTranslations("support.timeline");
  if (timeline.entries.length === 0) return <p className="text-slate-700">{t("empty")}</p>;
  return (
    <>
      {timeline.truncated ? <p className="mb-3 text-sm text-slate-700">{t("truncated")}</p> : null}
      <ol className="relative space-y-4 border-l-2 border-slate-200 pl-6">
        {timeline.entries.map((entry) => (
          <li key={entry.key} className="relative">
            <span
              aria-hidden="true"
              className={`absolute -left-[1.95rem] top-1.5 h-3 w-3 rounded-full ring-4 ring-slate-50 ${entry.kind === "email" ? "bg-brand-600" : "bg-slate-500"}`}
            />
            <article className="rounded-md border border-slate-200 bg-white p-3 shadow-sm">
              {entry.kind === "audit" ? <AuditItem entry={entry} /> : <EmailItem entry={entry} />}
            </article>
          </li>
        ))}
      </ol>
    </>
  );
}
