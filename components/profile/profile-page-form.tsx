"use client";

import { useRouter } from "next/navigation";
import { ProfileForm, type EditableProfile } from "./profile-form";

/** The profile page's form: after saving, back to where the user came from. */
export function ProfilePageForm(props: {
  profile: EditableProfile;
  countries: { code: string; name: string }[];
  returnTo: string;
}) {
  const router = useRouter();
  return (
    <ProfileForm
      profile={props.profile}
      countries={props.countries}
      onSaved={() => {
        router.push(props.returnTo);
        router.refresh();
      }}
    />
  );
}
