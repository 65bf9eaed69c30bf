import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { PageHeading } from "../ui/page-heading";
import { card, linkText } from "../ui/styles";

/**
 * The top of the API tokens and the webhooks pages: the way back, the other page and the API
 * reference; the heading; then the form that adds one, or, for someone who may not, why not.
 */
export function IntegrationsIntro({
  section,
  form,
}: {
  section: "tokens" | "webhooks";
  form: ReactNode | null;
}) {
  const t = useTranslations("integrations");
  const other = section === "tokens" ? "webhooks" : "tokens";
  return (
    <>
      <p className="flex flex-wrap gap-x-4">
        <Link href="/admin/requests" className={linkText}>
          {t("nav.back")}
        </Link>
        <Link href={`/admin/${other}`} className={linkText}>
          {t(`nav.${other}`)}
        </Link>
        <a href="/api-reference" className={linkText}>
          {t("nav.reference")}
        </a>
      </p>
      <PageHeading title={t(`${section}.title`)}>
        <p>{t(`${section}.intro`)}</p>
      </PageHeading>
      {form ? (
        <section className={card}>{form}</section>
      ) : (
        <p className={card}>{t(`${section}.notAdmin`)}</p>
      )}
    </>
  );
}
