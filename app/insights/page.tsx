import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { InsightsFilters } from "@/components/insights/insights-filters";
import { InsightsLoading } from "@/components/insights/insights-loading";
import { InsightsReport } from "@/components/insights/insights-report";
import { Notice } from "@/components/ui/notice";
import { PageHeading } from "@/components/ui/page-heading";
import { requireSignedInPage } from "@/lib/auth/page-guard";
import { insightsHref } from "@/lib/insights/href";
import { insightsAccountOptions, insightsFor } from "@/lib/insights/read";
import { insightsQueryOf } from "@/lib/insights/schema";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("insights"))("title") };
}

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Insights (issue 29): for Smart Account Administrators (their accounts) and support staff (every
 * account, with email and webhook delivery); insightsAccountOptions and insightsFor decide who
 * sees what from the database. Anyone else, or an account out of reach, gets "not found" (a 404,
 * as for a page that does not exist) before anything is sent. Then the aggregates stream in behind a loading state: a Suspense boundary here rather than
 * a loading.tsx, which would send the page's 200 before this check could answer 404.
 */
export default async function InsightsPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const params = await searchParams;
  const { query, valid } = insightsQueryOf(params);
  const search = (first(params.q) ?? "").trim().slice(0, 100);
  const user = await requireSignedInPage(insightsHref(query, search));
  const [options, t] = await Promise.all([
    insightsAccountOptions(user, search),
    getTranslations("insights"),
  ]);
  if (!options) notFound();
  if (
    query.accountId !== null &&
    options.reach === "administered" &&
    !options.accounts.some((account) => account.id === query.accountId)
  )
    notFound();
  const reading = insightsFor(user, query);
  // Whether an account exists is known to support staff's read only: wait for it, so that a
  // wrong account is a 404 too.
  if (query.accountId !== null && options.reach === "all" && !(await reading)) notFound();

  return (
    <div className="space-y-6">
      <PageHeading title={t("title")}>
        <p>{options.reach === "all" ? t("introSupport") : t("intro")}</p>
      </PageHeading>
      {valid ? null : <Notice tone="warning">{t("invalidQuery")}</Notice>}
      <InsightsFilters
        query={query}
        reach={options.reach}
        accounts={options.accounts}
        search={search}
      />
      <Suspense key={insightsHref(query)} fallback={<InsightsLoading label={t("loading")} />}>
        <InsightsReport insights={reading} query={query} />
      </Suspense>
    </div>
  );
}
