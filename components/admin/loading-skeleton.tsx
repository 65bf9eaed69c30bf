import { useTranslations } from "next-intl";

/** A page placeholder while the server reads the queue or a request: announced, not just drawn. */
export function LoadingSkeleton({ rows = 5 }: { rows?: number }) {
  const t = useTranslations("admin");
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <span className="sr-only">{t("loading")}</span>
      <div aria-hidden="true" className="h-8 w-64 animate-pulse rounded bg-slate-200" />
      <div aria-hidden="true" className="h-24 animate-pulse rounded-lg bg-slate-200" />
      {Array.from({ length: rows }, (_, index) => (
        <div key={index} aria-hidden="true" className="h-12 animate-pulse rounded bg-slate-100" />
      ))}
    </div>
  );
}
