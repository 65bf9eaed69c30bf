import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { MyAccountsTable, type MyAccountRow } from "@/components/accounts/my-accounts-table";
import { shortDate } from "@/components/ui/date-formats";
import { PageHeading } from "@/components/ui/page-heading";
import { buttonPrimary, card, linkText } from "@/components/ui/styles";
import { requireSignedInPage } from "@/lib/auth/page-guard";
import { membersHref } from "@/lib/memberships/members-url";
import { listMyAccounts } from "@/lib/memberships/my-accounts";
import { managesMembers } from "@/lib/memberships/rules";
import { accessDescriber } from "@/lib/requests/scope-words";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("memberships.accounts"))("title") };
}

export default async function YourAccountsPage() {
  const user = await requireSignedInPage("/accounts");
  const [t, describe, format, accounts] = await Promise.all([
    getTranslations("memberships"),
    accessDescriber(),
    getFormatter(),
    listMyAccounts(user),
  ]);
  const date = (value: Date) => format.dateTime(value, shortDate);
  const rows: MyAccountRow[] = accounts.map((membership) => ({
    accountId: membership.account.id,
    accountName: membership.account.name,
    inactiveAccount: membership.account.status === "INACTIVE",
    role: membership.role,
    // Virtual accounts: one line each; the whole account: its role, as before.
    virtualAccounts:
      membership.access.scope === "VIRTUAL_ACCOUNTS" ? describe(membership.access) : null,
    since: date(membership.grantedAt),
    until: membership.endsAt ? date(membership.endsAt) : t("members.noEnd"),
    lastAdmin: membership.lastAdmin,
    // A Smart Account Administrator manages the account's members, a Virtual Account
    // Administrator those of their branch (the members page shows them just that).
    membersHref:
      membership.account.status === "ACTIVE" &&
      ((membership.scope === "ACCOUNT" && managesMembers(membership.role)) ||
        membership.administersBranch)
        ? membersHref(membership.account.id, {})
        : null,
  }));

  return (
    <div className="space-y-6">
      <PageHeading title={t("accounts.title")}>
        <p>{t("accounts.intro")}</p>
        <p className="mt-2">
          <Link href="/requests" className={linkText}>
            {t("accounts.requestsLink")}
          </Link>
        </p>
      </PageHeading>
      <MyAccountsTable
        rows={rows}
        caption={t("accounts.caption")}
        empty={
          <div className={`${card} space-y-4 text-center`}>
            <p className="text-slate-700">{t("accounts.empty")}</p>
            <Link href="/requests/new" className={buttonPrimary}>
              {t("accounts.emptyAction")}
            </Link>
          </div>
        }
      />
    </div>
  );
}
