import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ProfilePageForm } from "@/components/profile/profile-page-form";
import { PageHeading } from "@/components/ui/page-heading";
import { card, linkText } from "@/components/ui/styles";
import { requireSignedInPage } from "@/lib/auth/page-guard";
import { env } from "@/lib/env";
import { safeRedirectTarget } from "@/lib/http/redirects";
import { countryOptions } from "@/lib/profile/countries";
import { editableProfile } from "@/lib/profile/schema";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("requests.profile"))("pageTitle") };
}

export default async function ProfilePage({
  searchParams,
}: {
  searchParams: Promise<{ returnTo?: string }>;
}) {
  const returnTo = safeRedirectTarget(
    (await searchParams).returnTo ?? "/requests/new",
    env().NEXTAUTH_URL,
  );
  const user = await requireSignedInPage(`/profile?returnTo=${encodeURIComponent(returnTo)}`);
  const [t, locale] = await Promise.all([getTranslations("requests.profile"), getLocale()]);
  const countries = countryOptions(locale);
  return (
    <div className={`mx-auto max-w-2xl ${card}`}>
      <PageHeading title={t("pageTitle")}>
        <p>{t("pageIntro")}</p>
        <p className="mt-1 text-sm">
          {t("fields.email")}: {user.email}
        </p>
      </PageHeading>
      <ProfilePageForm returnTo={returnTo} countries={countries} profile={editableProfile(user)} />
      <p className="mt-6 text-sm">
        <Link href={returnTo} className={linkText}>
          {t("back")}
        </Link>
      </p>
    </div>
  );
}
