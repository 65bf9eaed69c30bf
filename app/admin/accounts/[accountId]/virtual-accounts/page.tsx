import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeading } from "@/components/ui/page-heading";
import { linkText } from "@/components/ui/styles";
import { VirtualAccountsTree } from "@/components/virtual-accounts/tree";
import { requireSignedInPage } from "@/lib/auth/page-guard";
import { virtualAccountsView } from "@/lib/virtual-accounts/manage-read";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("virtualAccounts"))("metaTitle") };
}

interface Props {
  params: Promise<{ accountId: string }>;
}

/**
 * An account's tree of virtual accounts (issue 27): Smart Account Administrators manage all of it,
 * Virtual Account Administrators their branch, support staff read it; anyone else: not found.
 */
export default async function VirtualAccountsPage({ params }: Props) {
  const { accountId } = await params;
  const user = await requireSignedInPage(
    `/admin/accounts/${encodeURIComponent(accountId)}/virtual-accounts`,
  );
  const view = await virtualAccountsView(user, accountId);
  if (!view) notFound();
  const t = await getTranslations("virtualAccounts");
  const { account } = view;
  return (
    <div className="space-y-6">
      {view.readOnly ? null : (
        <p>
          <Link
            href={`/admin/accounts/${encodeURIComponent(account.id)}/members`}
            className={linkText}
          >
            {t("back")}
          </Link>
        </p>
      )}
      <PageHeading title={t("title", { account: account.name })}>
        <p>{t("intro")}</p>
        {view.readOnly ? <p className="mt-2">{t("introReadOnly")}</p> : null}
        {!view.readOnly && !view.wholeTree ? <p className="mt-2">{t("introBranch")}</p> : null}
      </PageHeading>
      {view.accountWideMembers !== null ? (
        <p className="text-sm text-slate-700">
          {t("accountWide", { count: view.accountWideMembers })}
        </p>
      ) : null}
      <VirtualAccountsTree view={view} />
    </div>
  );
}
