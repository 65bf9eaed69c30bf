import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeading } from "@/components/ui/page-heading";
import { linkText } from "@/components/ui/styles";
import { requireSignedInPage } from "@/lib/auth/page-guard";
import { demoMode } from "@/lib/env";
import { menuFor } from "@/lib/navigation/menu";

function Tile({ href, title, body }: { href: string; title: string; body: string }) {
  return (
    <li className="rounded-lg border border-slate-200 bg-white shadow-sm hover:border-brand-600">
      <Link href={href} className="block h-full p-5">
        <span className="block text-lg font-semibold text-brand-700">{title}</span>
        <span className="mt-1 block text-slate-700">{body}</span>
      </Link>
    </li>
  );
}

export default async function HomePage() {
  const user = await requireSignedInPage("/");
  const [t, menu] = await Promise.all([getTranslations("home"), menuFor(user)]);
  return (
    <div className="space-y-6">
      <PageHeading title={t("title", { name: user.firstName ?? user.email })}>
        <p>{t("intro")}</p>
      </PageHeading>
      <ul className="grid gap-4 sm:grid-cols-2">
        <Tile href="/requests/new" title={t("requestAccess")} body={t("requestAccessBody")} />
        <Tile href="/requests" title={t("yourRequests")} body={t("yourRequestsBody")} />
        {menu.isAccountAdmin ? (
          <Tile
            href="/admin/requests"
            title={t("accessRequests")}
            body={t("accessRequestsBody", { count: menu.pendingForAdmin })}
          />
        ) : null}
        {menu.isSupportStaff ? (
          <Tile href="/support" title={t("support")} body={t("supportBody")} />
        ) : null}
        {menu.isAccountAdmin || menu.isSupportStaff ? (
          <Tile href="/insights" title={t("insights")} body={t("insightsBody")} />
        ) : null}
      </ul>
      {demoMode() ? (
        <p className="text-sm text-slate-700">
          <Link href="/dev/mailbox" className={linkText}>
            {t("devMailboxHint")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
