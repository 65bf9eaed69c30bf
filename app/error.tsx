"use client";

import { useTranslations } from "next-intl";
import { PageHeading } from "@/components/ui/page-heading";
import { buttonPrimary, card } from "@/components/ui/styles";

/** Unexpected errors: a generic message and the digest the server logged, never the error text. */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const t = useTranslations("errors");
  return (
    <div className={`mx-auto max-w-lg ${card}`}>
      <PageHeading title={t("title")}>
        <p role="alert">{t("body", { ref: error.digest ?? "—" })}</p>
      </PageHeading>
      <button type="button" className={buttonPrimary} onClick={reset}>
        {t("retry")}
      </button>
    </div>
  );
}
