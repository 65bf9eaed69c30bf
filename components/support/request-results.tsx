import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { EscalatedBadge, StatusBadge } from "@/components/ui/status-badge";
import { linkText } from "@/components/ui/styles";
import type { RequestSearchRow } from "@/lib/support/search-requests";
import { personName, shortDateTime } from "./format";

/** The search's matches as a table: one row per request, newest first. */
export function RequestResults({ rows }: { rows: RequestSearchRow[] }) {
  const t = useTranslations("support.results");
  const tStatus = useTranslations("requests.status");
  const format = useFormatter();
  const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-700";
  const td = "px-3 py-2 align-top text-sm";
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200">
        <caption className="sr-only">{t("caption")}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={th}>{t("submitted")}</th>
            <th scope="col" className={th}>{t("requester")}</th>
            <th scope="col" className={th}>{t("account")}</th>
            <th scope="col" className={th}>{t("identifier")}</th>
            <th scope="col" className={th}>{t("status")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
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
                  <div className="text-slate-700">{personName({ firstName: row.requesterFirstName, lastName: row.requesterLastName, email: row.requesterEmail })}</div>
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
        </tbody>
      </table>
    </div>
  );
}
