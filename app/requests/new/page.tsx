import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { ProfileCheck } from "@/components/requests/profile-check";
import { RequestAccessFlow } from "@/components/requests/request-access-flow";
import { PageHeading } from "@/components/ui/page-heading";
import { card } from "@/components/ui/styles";
import { requireSignedInPage } from "@/lib/auth/page-guard";
import { env } from "@/lib/env";
import { countryName, countryOptions } from "@/lib/profile/countries";
import { editableProfile, missingProfileFields } from "@/lib/profile/schema";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("requests"))("newTitle") };
}

export default async function RequestAccessPage() {
  const user = await requireSignedInPage("/requests/new");
  const [t, locale] = await Promise.all([getTranslations("requests"), getLocale()]);
  const missing = missingProfileFields(user);
  const countries = countryOptions(locale);
  const profile = editableProfile(user);
  return (
    <div className="space-y-6">
      <PageHeading title={t("newTitle")}>
        <p>{t("newIntro")}</p>
      </PageHeading>
      <section aria-labelledby="profile-step" className={`${card} space-y-3`}>
        <h2 id="profile-step" className="text-lg font-semibold">
          {t("steps.profile")}
        </h2>
        <ProfileCheck
          email={user.email}
          profile={profile}
          countryName={user.country ? countryName(user.country, locale) : null}
          missing={missing}
          countries={countries}
        />
      </section>
      <div className={card}>
        <RequestAccessFlow
          profileComplete={missing.length === 0}
          supportEmail={env().SUPPORT_EMAIL}
        />
      </div>
    </div>
  );
}
