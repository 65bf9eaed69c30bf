import { useFormatter, useTranslations } from "next-intl";
import type { AdminRequestView } from "@/lib/admin/request-detail";
import { displayName } from "@/lib/people";
import { shortDateTime } from "@/components/ui/date-formats";

const known = [
  "submitted",
  "reminded",
  "escalated",
  "approved",
  "denied",
  "expired",
  "withdrawn",
  "supportCaseOpened",
] as const;
const roles = ["ADMIN", "USER", "VIEWER"] as const;

/** The request's audit trail, oldest first, in words. */
export function RequestHistory({ history }: { history: AdminRequestView["history"] }) {
  const t = useTranslations("admin.history");
  const tRoles = useTranslations("requests.roles");
  const format = useFormatter();
  return (
    <section aria-labelledby="history-title" className="space-y-3">
      <h2 id="history-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      {history.length === 0 ? (
        <p className="text-slate-700">{t("empty")}</p>
      ) : (
        <ol className="space-y-3 border-l-2 border-slate-200 pl-4">
          {history.map((event) => {
            const name = event.actor ? displayName(event.actor) : t("system");
            const verb = known.find((candidate) => `request.${candidate}` === event.action);
            const role = roles.find((candidate) => candidate === event.details.role);
            const text = verb
              ? t(`actions.${verb}`, { name, role: role ? tRoles(role) : "—" })
              : t("actions.other", { name, action: event.action });
            const notes = [
              event.details.cause === "noActiveAdmin" || event.details.cause === "pendingTooLong"
                ? t(`cause.${event.details.cause}`)
                : null,
              event.details.onBehalfOfAccount ? t("onBehalf") : null,
              event.details.bulk ? t("bulk") : null,
            ].filter(Boolean);
            return (
              <li key={event.id}>
                <p className="text-sm text-slate-600">
                  <time dateTime={event.createdAt.toISOString()}>
                    {format.dateTime(event.createdAt, shortDateTime)}
                  </time>
                </p>
                <p className="text-slate-900">
                  {text}
                  {notes.length ? (
                    <span className="text-slate-700"> ({notes.join(", ")})</span>
                  ) : null}
                </p>
                {verb === "denied" && event.details.reason ? (
                  <p className="text-sm italic text-slate-800">
                    {t("reason", { reason: event.details.reason })}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
