import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { EndpointActions } from "@/components/integrations/endpoint-actions";
import { cell, DataTable } from "@/components/ui/data-table";
import { preciseDateTime, shortDateTime } from "@/components/ui/date-formats";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import { card, linkText } from "@/components/ui/styles";
import { requireSignedInPage } from "@/lib/auth/page-guard";
import { getDeliveryLog } from "@/lib/webhooks/delivery-log";
import { endpointStatus } from "@/lib/webhooks/endpoint-status";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("integrations.webhooks"))("title") };
}

interface Props {
  params: Promise<{ endpointId: string }>;
  searchParams: Promise<{ after?: string; before?: string }>;
}

export default async function DeliveryLogPage({ params, searchParams }: Props) {
  const [{ endpointId }, cursors] = await Promise.all([params, searchParams]);
  const path = `/admin/webhooks/${encodeURIComponent(endpointId)}`;
  const user = await requireSignedInPage(path);
  const log = await getDeliveryLog(user, endpointId, cursors);
  if (!log) notFound();
  const [t, format] = await Promise.all([getTranslations("integrations"), getFormatter()]);
  const { endpoint } = log;
  const status = endpointStatus(endpoint);

  return (
    <div className="space-y-6">
      <p>
        <Link href="/admin/webhooks" className={linkText}>
          {t("log.back")}
        </Link>
      </p>
      <PageHeading title={t("log.title", { url: endpoint.url })}>
        <p>{t("log.account", { account: endpoint.account.name })}</p>
        <p>{t("log.ownership", { account: endpoint.account.name })}</p>
        <p>{t("log.events", { events: endpoint.events.join(", ") })}</p>
        <p className="font-medium">
          {t(`webhooks.status.${status.key}`, {
            date: status.since ? format.dateTime(status.since, shortDateTime) : "",
          })}
        </p>
      </PageHeading>
      {user.platformRole !== "SUPPORT" ? (
        <EndpointActions endpointId={endpoint.id} enabled={endpoint.disabledAt === null} />
      ) : null}
      {log.deliveries.length === 0 ? (
        <p className={card}>{t("log.empty")}</p>
      ) : (
        <DataTable
          caption={t("log.caption")}
          columns={(["event", "created", "status", "attempts"] as const).map((key) => ({
            key,
            label: t(`log.columns.${key}`),
          }))}
        >
          {log.deliveries.map((delivery) => (
            <tr key={delivery.id} className="align-top">
              <th scope="row" className={`${cell} font-mono text-xs font-medium`}>
                {delivery.eventType}
              </th>
              <td className={`${cell} whitespace-nowrap`}>
                {format.dateTime(delivery.createdAt, shortDateTime)}
              </td>
              <td className={cell}>{t(`log.deliveryStatus.${delivery.status}`)}</td>
              <td className={`${cell} min-w-56`}>
                {delivery.tries.length === 0 ? (
                  <p>{t("log.noAttempt")}</p>
                ) : (
                  <ol className="list-decimal space-y-1 pl-5">
                    {delivery.tries.map((attempt) => (
                      <li key={attempt.id}>
                        {t("log.attempt", {
                          time: format.dateTime(attempt.attemptedAt, preciseDateTime),
                          result:
                            attempt.statusCode !== null
                              ? t("log.answered", { status: attempt.statusCode })
                              : t(`log.failure.${attempt.failure ?? "network"}`),
                          duration: attempt.durationMs,
                        })}
                      </li>
                    ))}
                  </ol>
                )}
                {delivery.status === "QUEUED" && delivery.tries.length > 0 ? (
                  <p className="mt-1 text-slate-700">
                    {t("log.nextAttempt", {
                      date: format.dateTime(delivery.nextAttemptAt, shortDateTime),
                    })}
                  </p>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination
        label={t("log.pagination")}
        first={log.previous ? { href: path, text: t("log.first") } : null}
        previous={
          log.previous
            ? {
                href: `${path}?before=${encodeURIComponent(log.previous)}`,
                text: t("log.previous"),
              }
            : null
        }
        next={
          log.next
            ? { href: `${path}?after=${encodeURIComponent(log.next)}`, text: t("log.next") }
            : null
        }
      />
    </div>
  );
}
