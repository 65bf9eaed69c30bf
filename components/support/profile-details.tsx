import { useFormatter, useLocale, useTranslations } from "next-intl";
import { countryName } from "@/lib/profile/countries";
import { DetailList } from "./detail-list";
import { shortDateTime } from "@/components/ui/date-formats";

export interface ProfileDetailsData {
  email: string;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  jobTitle: string | null;
  country: string | null;
  phone: string | null;
  locale: string | null;
  platformRole: string;
  disabledAt: Date | null;
  createdAt: Date;
}

/** A user's profile as support sees it; missing fields are said to be missing. */
export function ProfileDetails({ user }: { user: ProfileDetailsData }) {
  const t = useTranslations("support.profile");
  const locale = useLocale();
  const format = useFormatter();
  const missing = <span className="italic text-slate-600">{t("notProvided")}</span>;
  return (
    <DetailList
      items={[
        [t("name"), [user.firstName, user.lastName].filter(Boolean).join(" ") || missing],
        [
          t("email"),
          <a
            key="email"
            href={`mailto:${user.email}`}
            className="font-medium text-brand-700 underline underline-offset-2"
          >
            {user.email}
          </a>,
        ],
        [t("company"), user.company || missing],
        [t("jobTitle"), user.jobTitle || missing],
        [t("country"), user.country ? countryName(user.country, locale) : missing],
        [t("phone"), user.phone || missing],
        [
          t("language"),
          user.locale
            ? t(`languages.${user.locale === "fr" ? "fr" : "en"}`)
            : t("languages.browser"),
        ],
        [
          t("platformRole"),
          t(
            `platformRoles.${user.platformRole === "SUPPORT" ? "SUPPORT" : user.platformRole === "SUPERADMIN" ? "SUPERADMIN" : "NONE"}`,
          ),
        ],
        [t("since"), format.dateTime(user.createdAt, shortDateTime)],
        [t("disabled"), user.disabledAt ? format.dateTime(user.disabledAt, shortDateTime) : null],
      ]}
    />
  );
}
