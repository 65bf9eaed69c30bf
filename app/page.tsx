import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeading } from "@/components/ui/page-heading";
import { card, linkText } from "@/components/ui/styles";
import { getCurrentUser } from "@/lib/auth/current-user";
import { devMailboxEnabled } from "@/lib/env";

export default async function HomePage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const t = await getTranslations("home");
  return (
    <div className={card}>
      <PageHeading title={t("title", { name: user.firstName ?? user.email })}>
        <p>{t("intro")}</p>
      </PageHeading>
      {devMailboxEnabled() ? (
        <p className="text-sm text-slate-700">
          <Link href="/dev/mailbox" className={linkText}>{t("devMailboxHint")}</Link>
        </p>
      ) : null}
    </div>
  );
}
