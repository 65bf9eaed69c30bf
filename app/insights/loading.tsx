import { getTranslations } from "next-intl/server";
import { PageHeading } from "@/components/ui/page-heading";

/** While the aggregates are read: the page's heading, a status, and the charts' boxes. */
export default async function InsightsLoading() {
  const t = await getTranslations("insights");
  return (
    <div className="space-y-6">
      <PageHeading title={t("title")} />
      <p role="status" className="text-slate-700">
        {t("loading")}
      </p>
      <div aria-hidden="true" className="space-y-6">
        {[0, 1].map((box) => (
          <div
            key={box}
            className="h-80 animate-pulse rounded-lg border border-slate-200 bg-white shadow-sm motion-reduce:animate-none"
          />
        ))}
      </div>
    </div>
  );
}
