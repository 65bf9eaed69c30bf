import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeading } from "@/components/ui/page-heading";
import { buttonPrimary, card } from "@/components/ui/styles";

const KNOWN_ERRORS = [
  "Verification",
  "AccessDenied",
  "Configuration",
  "OAuthAccountNotLinked",
  "EmailNotVerified",
] as const;
type KnownError = (typeof KNOWN_ERRORS)[number];

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("authError"))("title") };
}

export default async function AuthErrorPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string }>;
}) {
  const { error } = await searchParams;
  const t = await getTranslations("authError");
  const key: KnownError | "Default" = KNOWN_ERRORS.includes(error as KnownError)
    ? (error as KnownError)
    : "Default";
  return (
    <div className={`mx-auto max-w-lg ${card}`}>
      <PageHeading title={t("title")}>
        <p role="alert">{t(key)}</p>
      </PageHeading>
      <Link href="/sign-in" className={buttonPrimary}>
        {t("retry")}
      </Link>
    </div>
  );
}
