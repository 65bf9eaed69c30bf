import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { cell, DataTable } from "@/components/ui/data-table";
import { EscalatedBadge, StatusBadge } from "@/components/ui/status-badge";
import { linkText } from "@/components/ui/styles";
import type { RequestSearchRow } from "@/lib/support/search-requests";
import { displayName } from "@/lib/people";
import { shortDateTime } from "@/components/ui/date-formats";

/** The search's matches as a table: one row per request, newest first. */
export function RequestResults({ rows }: { rows: RequestSearchRow[] }) {
  const t = useTranslations("support.results");
  const tStatus = useTranslations("requests.status");
  const format = useFormatter();
  const th = "text-xs uppercase tracking-wide text-slate-700";
  const td = `${cell} align-top`;
  return (
    <DataTable
      caption={t("caption")}
      bodyClassName="divide-y divide-slate-200"
      columns={(["submitted", "requester", "account", "identifier", "status"] as const).map((key) => ({ key, label: t(key), className: th }))}
    >
      {rows.map((row) => (
        <tr key={row.id}>
          <th scope="row" className={`${td} text-left font-normal whitespace-nowrap`}>
            {/* No prefetch: opening a request is an audited view, so only a click should open it. */}
            <Link href={`/support/requests/${row.id}`} prefetch={false} className={linkText} aria-label={t("openRequest", { account: row.accountName, email: row.requesterEmail, date: format.dateTime(row.createdAt, shortDateTime) })}>
              {format.dateTime(row.createdAt, shortDateTime)}
            </Link>
          </th>
          <td className={td}>
            <Link href={`/support/users/${row.requesterId}`} prefetch={false} className={linkText}>{row.requesterEmail}</Link>
            {row.requesterFirstName || row.requesterLastName ? (
              <div className="text-slate-700">{displayName({ firstName: row.requesterFirstName, lastName: row.requesterLastName, email: row.requesterEmail })}</div>
            ) : null}
          </td>
          <td className={td}>{row.accountName}</td>
          <td className={td}>{row.domain}</td>
          <td className={td}>
            <div className="flex flex-wrap gap-1">
              <StatusBadge status={row.status} label={tStatus(row.status)} />
              {row.escalatedAt ? <EscalatedBadge label={t("escalated")} /> : null}
            </div>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
