import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getNow, getTranslations } from "next-intl/server";
import { QueueFiltersForm } from "@/components/admin/queue-filters";
import { QueueTable } from "@/components/admin/queue-table";
import { Notice } from "@/components/ui/notice";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import { buttonPrimary, card, linkText } from "@/components/ui/styles";
import { canDecide } from "@/lib/admin/authority";
import { listQueue } from "@/lib/admin/list-queue";
import { queueHref } from "@/lib/admin/queue-url";
import { parseQueueFilters } from "@/lib/admin/schema";
import { requireSignedInPage } from "@/lib/auth/page-guard";
import { displayName } from "@/lib/people";
import { shortDate } from "@/components/ui/date-formats";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.queue"))("title") };
}

type SearchParams = Record<string, string | string[] | undefined>;

export default async function AdminQueuePage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const params = await searchParams;
  const filters = parseQueueFilters(params);
  const user = await requireSignedInPage(queueHref(filters));
  const [t, format, now] = await Promise.all([getTranslations("admin"), getFormatter(), getNow()]);
  const superadmin = user.platformRole === "SUPERADMIN";
  const page = await listQueue(user, filters);
  // A super administrator who administers no account sees only the escalated scope: no tabs.
  const onlyEscalated = superadmin && page.accounts.length === 0;

  if (page.accounts.length === 0 && !superadmin) {
    return (
      <div className="space-y-6">
        <PageHeading title={t("queue.title")} />
        <div className={`${card} space-y-4`}>
          <h2 className="text-lg font-semibold">{t("queue.notAdminTitle")}</h2>
          <p className="text-slate-700">{t("queue.notAdminBody")}</p>
          <Link href="/requests/new" className={buttonPrimary}>
            {t("queue.notAdminAction")}
          </Link>
        </div>
      </div>
    );
  }

  const accounts = page.scope === "escalated" ? [] : page.accounts;
  // Narrowing to one account still shows "all caught up" when it has nothing pending.
  const filtered = Boolean(filters.from || filters.to || filters.q || filters.status !== "PENDING");
  // Switching scope, or clearing the filters, starts again from the defaults.
  const scopeHref = (scope: "mine" | "escalated") => queueHref(parseQueueFilters({}), { scope });
  const pageHref = (change: { after?: string; before?: string }) =>
    queueHref(filters, { after: change.after, before: change.before });

  const rows = page.rows.map((row) => ({
    id: row.id,
    accountId: row.account.id,
    requesterName: displayName(row.requester),
    requesterEmail: row.requester.email,
    company: row.requester.company ?? "—",
    accountName: row.account.name,
    reason: row.reason,
    submitted: format.dateTime(row.createdAt, shortDate),
    age: format.relativeTime(row.createdAt, now),
    status: row.status,
    escalated: Boolean(row.escalatedAt),
  }));

  return (
    <div className="space-y-6">
      <PageHeading title={t("queue.title")}>
        <p>{page.scope === "escalated" ? t("queue.introEscalated") : t("queue.intro")}</p>
        {page.accounts.length > 0 ? (
          <p className="mt-2">
            <Link href="/admin/accounts" className={linkText}>
              {t("queue.accountsLink")}
            </Link>
          </p>
        ) : null}
      </PageHeading>

      {superadmin && !onlyEscalated ? (
        <nav aria-label={t("queue.scopeLabel")}>
          <ul className="flex gap-2 border-b border-slate-200">
            {(["mine", "escalated"] as const).map((scope) => (
              <li key={scope}>
                <Link
                  href={scopeHref(scope)}
                  aria-current={page.scope === scope ? "page" : undefined}
                  className="-mb-px inline-block border-b-2 border-transparent px-3 py-2 text-sm font-medium text-slate-700 hover:text-brand-800 aria-[current=page]:border-brand-600 aria-[current=page]:text-brand-800"
                >
                  {scope === "mine" ? t("queue.scopeMine") : t("queue.scopeEscalated")}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}

      {/* Keyed by the filters: its fields are uncontrolled and must show the URL after a client-side navigation. */}
      <QueueFiltersForm
        key={queueHref(filters)}
        filters={filters}
        accounts={accounts}
        clearHref={scopeHref(page.scope)}
      />

      <QueueTable
        rows={rows}
        caption={t("queue.caption", {
          order: filters.order === "oldest" ? t("filters.oldest") : t("filters.newest"),
        })}
        canDecide={canDecide(user)}
        empty={
          <div className={`${card} space-y-3 text-center`}>
            {filtered ? (
              <>
                <p className="text-slate-700">{t("queue.emptyFiltered")}</p>
                <Link href={scopeHref(page.scope)} className={linkText}>
                  {t("filters.clear")}
                </Link>
              </>
            ) : (
              <>
                <Notice tone="success">{t("queue.emptyPending")}</Notice>
                <Link href={queueHref(filters, { status: "ALL" })} className={linkText}>
                  {t("queue.showAll")}
                </Link>
              </>
            )}
          </div>
        }
      />

      {rows.length > 0 ? (
        <p className="text-sm text-slate-700">{t("queue.showing", { count: rows.length })}</p>
      ) : null}
      <Pagination
        label={t("queue.pagination")}
        first={page.previous ? { href: pageHref({}), text: t("queue.first") } : null}
        previous={
          page.previous
            ? { href: pageHref({ before: page.previous }), text: t("queue.previous") }
            : null
        }
        next={page.next ? { href: pageHref({ after: page.next }), text: t("queue.next") } : null}
      />
    </div>
  );
}
