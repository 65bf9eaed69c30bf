import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeading } from "@/components/ui/page-heading";
import { card, linkText } from "@/components/ui/styles";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <div className={`mx-auto max-w-lg ${card}`}>
      <PageHeading title={t("notFoundTitle")}>
        <p>{t("notFoundBody")}</p>
      </PageHeading>
      <Link href="/" className={linkText}>
        {t("home")}
      </Link>
    </div>
  );
}
