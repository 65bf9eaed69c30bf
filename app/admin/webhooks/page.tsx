import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { RegisterEndpointForm } from "@/components/integrations/register-endpoint-form";
import { IntegrationsIntro } from "@/components/integrations/integrations-intro";
import { cell, DataTable } from "@/components/ui/data-table";
import { shortDateTime } from "@/components/ui/date-formats";
import { card, linkText } from "@/components/ui/styles";
import { administeredAccounts } from "@/lib/admin/authority";
import { requireSignedInPage } from "@/lib/auth/page-guard";
import { db } from "@/lib/db/client";
import { endpointStatus } from "@/lib/webhooks/endpoint-status";
import { listWebhookEndpoints } from "@/lib/webhooks/list-endpoints";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("integrations.webhooks"))("title") };
}

export default async function WebhooksPage() {
  const user = await requireSignedInPage("/admin/webhooks");
  const [t, format, accounts, endpoints] = await Promise.all([
    getTranslations("integrations"),
    getFormatter(),
    administeredAccounts(db, user.id),
    listWebhookEndpoints(user),
  ]);
  const date = (value: Date) => format.dateTime(value, shortDateTime);

  return (
    <div className="space-y-6">
      <IntegrationsIntro
        section="webhooks"
        form={
          accounts.length > 0 && user.platformRole !== "SUPPORT" ? (
            <RegisterEndpointForm accounts={accounts} />
          ) : null
        }
      />
      <section className="space-y-3" aria-labelledby="endpoints-list">
        <h2 id="endpoints-list" className="text-lg font-semibold">
          {t("webhooks.listTitle")}
        </h2>
        <p>{t("webhooks.ownership")}</p>
        {endpoints.length === 0 ? (
          <p className={card}>{t("webhooks.empty")}</p>
        ) : (
          <DataTable
            caption={t("webhooks.caption")}
            columns={(["account", "url", "events", "status", "latest", "log"] as const).map(
              (key) => ({ key, label: t(`webhooks.columns.${key}`) }),
            )}
          >
            {endpoints.map((endpoint) => {
              const latest = endpoint.deliveries[0];
              const status = endpointStatus(endpoint);
              return (
                <tr key={endpoint.id}>
                  <th scope="row" className={`${cell} font-medium`}>
                    {endpoint.account.name}
                  </th>
                  <td className={`${cell} break-all font-mono text-xs`}>{endpoint.url}</td>
                  <td className={`${cell} font-mono text-xs`}>{endpoint.events.join(" ")}</td>
                  <td className={cell}>
                    {t(`webhooks.status.${status.key}`, {
                      date: status.since ? date(status.since) : "",
                    })}
                  </td>
                  <td className={`${cell} whitespace-nowrap`}>
                    {latest
                      ? `${t(`log.deliveryStatus.${latest.status}`)}, ${date(latest.createdAt)}`
                      : t("webhooks.none")}
                  </td>
                  <td className={cell}>
                    <Link
                      href={`/admin/webhooks/${encodeURIComponent(endpoint.id)}`}
                      className={linkText}
                    >
                      {t("webhooks.openLog", { url: endpoint.url })}
                    </Link>
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
