import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { CreateTokenForm } from "@/components/integrations/create-token-form";
import { RevokeTokenButton } from "@/components/integrations/revoke-token-button";
import { IntegrationsIntro } from "@/components/integrations/integrations-intro";
import { cell, DataTable } from "@/components/ui/data-table";
import { shortDate, shortDateTime } from "@/components/ui/date-formats";
import { card } from "@/components/ui/styles";
import { administeredAccounts } from "@/lib/admin/authority";
import { listApiTokens, type ApiTokenRow } from "@/lib/api/list-tokens";
import { requireSignedInPage } from "@/lib/auth/page-guard";
import { db } from "@/lib/db/client";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("integrations.tokens"))("title") };
}

/** Active: valid by the API's own rule (api_token_valid); otherwise why it no longer works. */
const statusOf = (token: ApiTokenRow) =>
  token.valid ? "active" : token.revokedAt ? "revoked" : "expired";

export default async function TokensPage() {
  const user = await requireSignedInPage("/admin/tokens");
  const [t, format, accounts, tokens] = await Promise.all([
    getTranslations("integrations"),
    getFormatter(),
    administeredAccounts(db, user.id),
    listApiTokens(user),
  ]);
  const mayCreate =
    (accounts.length > 0 || user.platformRole === "SUPERADMIN") && user.platformRole !== "SUPPORT";

  return (
    <div className="space-y-6">
      <IntegrationsIntro
        section="tokens"
        form={mayCreate ? <CreateTokenForm accounts={accounts} /> : null}
      />
      <section className="space-y-3" aria-labelledby="tokens-list">
        <h2 id="tokens-list" className="text-lg font-semibold">
          {t("tokens.listTitle")}
        </h2>
        {tokens.length === 0 ? (
          <p className={card}>{t("tokens.empty")}</p>
        ) : (
          <DataTable
            caption={t("tokens.caption")}
            columns={(
              [
                "name",
                "token",
                "scopes",
                "accounts",
                "created",
                "expires",
                "lastUsed",
                "status",
                "actions",
              ] as const
            ).map((key) => ({ key, label: t(`tokens.columns.${key}`) }))}
          >
            {tokens.map((token) => {
              const status = statusOf(token);
              return (
                <tr key={token.id}>
                  <th scope="row" className={`${cell} font-medium`}>
                    {token.name}
                  </th>
                  <td className={`${cell} font-mono text-xs`}>{token.prefix}…</td>
                  <td className={`${cell} font-mono text-xs`}>{token.scopes.join(" ")}</td>
                  <td className={cell}>
                    {token.accounts.length
                      ? token.accounts.map((account) => account.name).join(", ")
                      : t("tokens.allAccounts")}
                  </td>
                  <td className={`${cell} whitespace-nowrap`}>
                    {format.dateTime(token.createdAt, shortDate)}
                  </td>
                  <td className={`${cell} whitespace-nowrap`}>
                    {format.dateTime(token.expiresAt, shortDate)}
                  </td>
                  <td className={`${cell} whitespace-nowrap`}>
                    {token.lastUsedAt
                      ? format.dateTime(token.lastUsedAt, shortDateTime)
                      : t("tokens.never")}
                  </td>
                  <td className={cell}>{t(`tokens.status.${status}`)}</td>
                  <td className={cell}>
                    {status === "active" ? (
                      <RevokeTokenButton tokenId={token.id} name={token.name} />
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </section>
    </div>
  );
}
