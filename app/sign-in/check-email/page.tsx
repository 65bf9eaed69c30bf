import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeading } from "@/components/ui/page-heading";
import { card, linkText } from "@/components/ui/styles";
import { demoMode, env } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("checkEmail"))("title") };
}

export default async function CheckEmailPage() {
  const t = await getTranslations("checkEmail");
  return (
    <div className={`mx-auto max-w-lg ${card}`}>
      <PageHeading title={t("title")}>
        <p role="status">{t("body", { minutes: env().SIGN_IN_LINK_MINUTES })}</p>
      </PageHeading>
      <div className="space-y-3 text-sm">
        {demoMode() ? (
          <p>
            <Link href="/dev/mailbox" className={linkText}>
              {t("devMailbox")}
            </Link>
          </p>
        ) : null}
        <p>
          <Link href="/sign-in" className={linkText}>
            {t("back")}
          </Link>
        </p>
      </div>
    </div>
  );
}
