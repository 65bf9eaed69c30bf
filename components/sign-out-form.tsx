"use client";

import Link from "next/link";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { buttonPrimary, buttonSecondary } from "./ui/styles";

export function SignOutForm() {
  const t = useTranslations("signOut");
  const [pending, setPending] = useState(false);
  return (
    <div className="flex gap-3">
      <button
        type="button"
        className={buttonPrimary}
        disabled={pending}
        onClick={() => {
          setPending(true);
          void signOut({ callbackUrl: "/sign-in" });
        }}
      >
        {t("confirm")}
      </button>
      <Link href="/" className={buttonSecondary}>
        {t("cancel")}
      </Link>
    </div>
  );
}
