import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RequestResults } from "@/components/support/request-results";
import { RequestSearchForm, type SearchFormValues } from "@/components/support/request-search-form";
import { Notice } from "@/components/ui/notice";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import { buttonSecondary, card, linkText } from "@/components/ui/styles";
import { requireSupportStaffPage } from "@/lib/support/access";
import { encodeCursor, pageDirection } from "@/lib/pagination/keyset";
import { hasFilters, parseRequestSearch, searchQuery } from "@/lib/support/search-params";
import { searchRequests } from "@/lib/support/search-requests";

type Params = Record<string, string | string[] | undefined>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("support.search"))("title") };
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function SupportSearchPage({
  searchParams,
}: {
  searchParams: Promise<Params>;
}) {
  const params = await searchParams;
  const formValues: SearchFormValues = Object.fromEntries(
    (
      [
        "email",
        "emailMatch",
        "requestId",
        "domain",
        "account",
        "status",
        "escalated",
        "from",
        "to",
      ] as const
    ).map((key) => [key, first(params[key])]),
  );
  const typed = new URLSearchParams(
    Object.entries(formValues).filter((entry): entry is [string, string] => Boolean(entry[1])),
  ).toString();
  const viewer = await requireSupportStaffPage(typed ? `/support?${typed}` : "/support");
  const t = await getTranslations("support");
  const parsed = parseRequestSearch(params);
  const page = parsed.ok
    ? await searchRequests(viewer, parsed.filters, pageDirection(params))
    : null;

  return (
    <div className="space-y-6">
      <PageHeading title={t("search.title")}>
        <p>{t("search.intro")}</p>
      </PageHeading>
      <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <span className="font-medium text-slate-700">{t("search.shortcuts")}</span>
        <Link href="/support?status=PENDING&escalated=yes" className={linkText}>
          {t("search.shortcutEscalated")}
        </Link>
        <Link href="/support?status=PENDING" className={linkText}>
          {t("search.shortcutPending")}
        </Link>
        <Link href="/support/cases" className={linkText}>
          {t("search.shortcutCases")}
        </Link>
      </p>
      <RequestSearchForm values={formValues} errors={parsed.ok ? {} : parsed.fieldErrors} />
      {!parsed.ok ? (
        <Notice tone="error" title={t("search.invalidTitle")}>
          {t("search.invalidBody")}
        </Notice>
      ) : page && page.rows.length === 0 ? (
        <div className={`${card} space-y-3 text-center`}>
          <p className="font-semibold">
            {hasFilters(parsed.filters) ? t("results.empty") : t("results.emptyAll")}
          </p>
          {hasFilters(parsed.filters) ? (
            <>
              <p className="text-slate-700">{t("results.emptyHint")}</p>
              <Link href="/support" className={buttonSecondary}>
                {t("search.clear")}
              </Link>
            </>
          ) : null}
        </div>
      ) : page ? (
        <section aria-labelledby="results-heading" className="space-y-4">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 id="results-heading" className="text-lg font-semibold" aria-live="polite">
              {page.matches.capped
                ? t("results.countCapped", { count: page.matches.count })
                : t("results.count", { count: page.matches.count })}
            </h2>
            {/* A plain link: the browser downloads the file (the route answers as an attachment). */}
            <a
              href={`/support/export${searchQuery(parsed.filters)}`}
              className={buttonSecondary}
              download
            >
              {t("search.export")}
            </a>
          </div>
          <RequestResults rows={page.rows} />
          <Pagination
            label={t("results.pagination")}
            previous={
              page.newer
                ? {
                    href: `/support${searchQuery(parsed.filters, { before: encodeCursor(page.newer) })}`,
                    text: t("results.newer"),
                  }
                : null
            }
            next={
              page.older
                ? {
                    href: `/support${searchQuery(parsed.filters, { after: encodeCursor(page.older) })}`,
                    text: t("results.older"),
                  }
                : null
            }
          />
        </section>
      ) : null}
    </div>
  );
}
