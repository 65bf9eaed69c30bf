"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { ProfileField } from "@/lib/profile/schema";
import { Notice } from "../ui/notice";
import { buttonSecondary, linkText } from "../ui/styles";
import { ProfileForm, type EditableProfile } from "../profile/profile-form";

interface Props {
  email: string;
  profile: EditableProfile;
  countryName: string | null;
  missing: ProfileField[];
  countries: { code: string; name: string }[];
}

/** Step 1: the requester's profile, with what is missing and an inline way to fix it. */
export function ProfileCheck({ email, profile, countryName, missing, countries }: Props) {
  const t = useTranslations("requests.profile");
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const complete = missing.length === 0;

  const rows: [ProfileField, string][] = [
    ["firstName", profile.firstName],
    ["lastName", profile.lastName],
    ["email", email],
    ["company", profile.company],
    ["jobTitle", profile.jobTitle],
    ["country", countryName ?? ""],
    ["phone", profile.phone],
  ];

  return (
    <div className="space-y-4">
      {saved && complete ? <Notice tone="success">{t("saved")}</Notice> : null}
      {complete ? (
        <Notice tone="success">{t("complete")}</Notice>
      ) : (
        <Notice tone="warning" title={t("incomplete")}>
          {t("missing", { fields: missing.map((field) => t(`fields.${field}`)).join(", ") })}
        </Notice>
      )}
      {editing ? (
        <ProfileForm
          profile={profile}
          countries={countries}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            setSaved(true);
            router.refresh();
          }}
        />
      ) : (
        <>
          <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-2">
            {rows.map(([field, value]) => (
              <div key={field}>
                <dt className="text-sm text-slate-600">{t(`fields.${field}`)}</dt>
                <dd className={value ? "text-slate-900" : "italic text-slate-600"}>
                  {value || t("notProvided")}
                </dd>
              </div>
            ))}
          </dl>
          <div className="flex flex-wrap items-center gap-4">
            <button
              type="button"
              className={buttonSecondary}
              onClick={() => setEditing(true)}
              aria-expanded={editing}
            >
              {t("update")}
            </button>
            <Link href="/profile?returnTo=/requests/new" className={linkText}>
              {t("editOnPage")}
            </Link>
          </div>
        </>
      )}
    </div>
  );
}
