import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { DataTable } from "@/components/ui/data-table";
import { EscalatedBadge, StatusBadge } from "@/components/ui/status-badge";
import { linkText } from "@/components/ui/styles";
import type { RequestSearchRow } from "@/lib/support/search-requests";
import { displayName } from "@/lib/people";
import { shortDateTime } from "@/components/ui/date-formats";
import { consoleCell as td, consoleColumns, consoleRows } from "./console-table";

/** The search's matches as a table: one row per request, newest first. */
export function RequestResults({ rows }: { rows: RequestSearchRow[] }) {
  const t = useTranslations("support.results");
  const tStatus = useTranslations("requests.status");
  const format = useFormatter();
  return (
    <DataTable
      caption={t("caption")}
      bodyClassName={consoleRows}
      columns={consoleColumns(
        (["submitted", "requester", "account", "identifier", "status"] as const).map((key) => [
          key,
          t(key),
        ]),
      )}
    >
      {rows.map((row) => (
        <tr key={row.id}>
          <th scope="row" className={`${td} text-left font-normal whitespace-nowrap`}>
            {/* No prefetch: opening a request is an audited view, so only a click should open it. */}
            <Link
              href={`/support/requests/${row.id}`}
              prefetch={false}
              className={linkText}
              aria-label={t("openRequest", {
                account: row.accountName,
                email: row.requesterEmail,
                date: format.dateTime(row.createdAt, shortDateTime),
              })}
            >
              {format.dateTime(row.createdAt, shortDateTime)}
            </Link>
          </th>
          <td className={td}>
            <Link href={`/support/users/${row.requesterId}`} prefetch={false} className={linkText}>
              {row.requesterEmail}
            </Link>
            {row.requesterFirstName || row.requesterLastName ? (
              <div className="text-slate-700">
                {displayName({
                  firstName: row.requesterFirstName,
                  lastName: row.requesterLastName,
                  email: row.requesterEmail,
                })}
              </div>
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
