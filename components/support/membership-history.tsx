import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { DataTable } from "@/components/ui/data-table";
import { preciseDateTime, shortDate, shortDateTime } from "@/components/ui/date-formats";
import { linkText } from "@/components/ui/styles";
import type { MembershipForSupport } from "@/lib/memberships/support-history";
import { displayName } from "@/lib/people";
import { describeAccess } from "@/lib/virtual-accounts/describe";
import { consoleCell as td, consoleColumns, consoleRows } from "./console-table";

type Event = MembershipForSupport["history"][number];
const roles = ["ADMIN", "USER", "VIEWER"] as const;
const field = (value: unknown, key: string) =>
  value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;

/** Memberships as support sees them: how each stands, and everything that happened to it. Read-only. */
export async function MembershipHistory({
  memberships,
  caption,
}: {
  memberships: MembershipForSupport[];
  caption: string;
}) {
  const [t, tRoles, tAll, format] = await Promise.all([
    getTranslations("memberships.history"),
    getTranslations("requests.roles"),
    getTranslations(),
    getFormatter(),
  ]);
  // describeAccess takes keys of the whole catalog (memberships.scope.*).
  const tScope = (key: string, values?: Record<string, string>) =>
    tAll(key as never, values as never);
  const date = (value: Date) => format.dateTime(value, shortDateTime);
  const day = (value: unknown) =>
    typeof value === "string" ? format.dateTime(new Date(value), shortDate) : "—";
  const role = (value: unknown) =>
    roles.includes(value as (typeof roles)[number]) ? tRoles(value as (typeof roles)[number]) : "—";

  function eventText(event: Event): string {
    const name = event.actor ? displayName(event.actor) : t("system");
    switch (event.action) {
      case "membership.granted":
        return t("events.granted", { name, role: role(field(event.after, "role")) });
      case "membership.roleChanged":
        return t("events.roleChanged", {
          name,
          from: role(field(event.before, "role")),
          to: role(field(event.after, "role")),
        });
      case "membership.removed":
        return t("events.removed", { name });
      case "membership.accessChanged":
        return t("events.accessChanged", { name });
      case "membership.grantAdded":
        return t("events.grantAdded", { name });
      case "membership.grantChanged":
        return t("events.grantChanged", { name });
      case "membership.grantRemoved":
        return t("events.grantRemoved", { name });
      case "membership.left":
        return t("events.left", { name });
      case "membership.extended":
        return field(event.after, "endsAt")
          ? t("events.extended", { name, date: day(field(event.after, "endsAt")) })
          : t("events.extendedPermanent", { name });
      case "membership.endWarned":
        return t("events.endWarned", { date: day(field(event.after, "endsAt")) });
      case "membership.expired":
        return t("events.expired");
      default:
        return t("events.other", { name, action: event.action });
    }
  }

  if (memberships.length === 0) return <p className="text-sm text-slate-700">{t("none")}</p>;
  return (
    <div className="space-y-4">
      <DataTable
        caption={caption}
        bodyClassName={consoleRows}
        columns={consoleColumns(
          (["account", "scope", "access", "since", "until", "grantedBy"] as const).map((key) => [
            key,
            t(`columns.${key}`),
          ]),
        )}
      >
        {memberships.map((membership) => (
          <tr key={membership.id}>
            <th scope="row" className={`${td} text-left font-normal`}>
              {membership.account.name}
            </th>
            <td className={td}>
              {membership.access.scope === "ACCOUNT" ? (
                <span className="block">{tScope("memberships.scope.entireAccount")}</span>
              ) : null}
              {describeAccess(tScope, membership.access).map((line) => (
                <span key={line} className="block">
                  {line}
                </span>
              ))}
            </td>
            <td className={td}>
              {membership.active ? t("current") : t(`endCause.${membership.endCause ?? "unknown"}`)}
            </td>
            <td className={td}>{date(membership.grantedAt)}</td>
            <td className={td}>
              {membership.active
                ? membership.endsAt
                  ? t("untilDate", { date: date(membership.endsAt) })
                  : "—"
                : membership.endedAt
                  ? date(membership.endedAt)
                  : "—"}
            </td>
            <td className={td}>
              {membership.grantedByRequest ? (
                <Link
                  href={`/support/requests/${membership.grantedByRequest.id}`}
                  prefetch={false}
                  className={linkText}
                >
                  {t("requestLink", { date: date(membership.grantedByRequest.createdAt) })}
                </Link>
              ) : (
                "—"
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      {memberships
        .filter((membership) => membership.history.length > 0)
        .map((membership) => (
          <div key={membership.id}>
            <h3 className="text-sm font-semibold text-slate-800">
              {t("eventsTitle", { account: membership.account.name })}
            </h3>
            <ol className="mt-1 space-y-1 text-sm">
              {membership.history.map((event) => {
                const reason = field(event.after, "reason");
                return (
                  <li key={event.id}>
                    <time dateTime={event.createdAt.toISOString()} className="text-slate-700">
                      {format.dateTime(event.createdAt, preciseDateTime)}
                    </time>
                    {" · "}
                    {eventText(event)}
                    {typeof reason === "string" ? (
                      <span className="text-slate-700"> · {t("reason", { reason })}</span>
                    ) : null}
                  </li>
                );
              })}
            </ol>
          </div>
        ))}
    </div>
  );
}
