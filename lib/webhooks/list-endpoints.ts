import { administeredBy } from "@/lib/memberships/active-admin";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { endpointSummarySelect } from "./endpoint-status";

/** The endpoints of the accounts the actor administers, by account, each with its latest delivery. */
export async function listWebhookEndpoints(actor: Pick<Actor, "id">) {
  return db.webhookEndpoint.findMany({
    where: { account: administeredBy(actor.id) },
    orderBy: [{ account: { name: "asc" } }, { createdAt: "asc" }, { id: "asc" }],
    select: {
      ...endpointSummarySelect,
      account: { select: { id: true, name: true } },
      deliveries: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: 1,
        select: { status: true, createdAt: true },
      },
    },
  });
}

export type WebhookEndpointRow = Awaited<ReturnType<typeof listWebhookEndpoints>>[number];
