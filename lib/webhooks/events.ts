import "zod-openapi";
import { z } from "zod";
import { grantableRoles } from "@/lib/admin/rules";
import { requestStatuses } from "@/lib/admin/schema";
import { grantedScopeSchema, grantedVirtualAccount, scopeEnum } from "@/lib/requests/granted-scope";

import { webhookEvents, type WebhookEvent } from "./rules";

export { webhookEvents, type WebhookEvent };
export type RequestEvent = Extract<WebhookEvent, `request.${string}`>;
export type MembershipEvent = Extract<WebhookEvent, `membership.${string}`>;

const timestamp = z.iso.datetime();

/** The `data` of every request.* event: the request as it is after the change. */
export const requestEventData = z
  .object({
    requestId: z.string(),
    accountId: z.string(),
    accountName: z.string(),
    status: z.enum(requestStatuses),
    requesterEmail: z.email(),
    createdAt: timestamp,
    decidedAt: timestamp.nullable(),
    grantedRole: z.enum(grantableRoles).nullable().meta({
      description: "The Smart Account role granted; null for virtual accounts (see grantedScope).",
    }),
    grantedScope: grantedScopeSchema.nullable().meta({
      description:
        "What the approval granted, with the virtual accounts' names of then; null unless approved.",
    }),
    decidedByEmail: z.email().nullable(),
  })
  .meta({ id: "RequestEventData" });

/**
 * The `data` of membership.* events: the membership after the change (`role` null once removed, and
 * for scope `virtualAccounts`, whose roles are in `virtualAccounts`).
 */
export const membershipEventData = z
  .object({
    accountId: z.string(),
    email: z.email(),
    scope: scopeEnum,
    role: z.enum(grantableRoles).nullable().meta({
      description:
        "The Smart Account role; null once the access ended, and for scope `virtualAccounts`.",
    }),
    virtualAccounts: z.array(grantedVirtualAccount).meta({
      description:
        "For scope `virtualAccounts`, each virtual account and its role; empty for the whole account and once the access ended.",
    }),
    previousRole: z.enum(grantableRoles).nullable().meta({
      description:
        "The Smart Account role before the change; null when the membership had virtual accounts.",
    }),
    until: timestamp.nullable(),
    changedByEmail: z.email().nullable(),
  })
  .meta({ id: "MembershipEventData" });

/**
 * The event "Send test event" posts (as GitHub's ping): to one endpoint, whatever events it
 * subscribes to, through the same queue, signature and delivery log as every other.
 */
export const PING_EVENT = "ping";

/** The `data` of a ping: which endpoint of which account it tests. */
export const pingEventData = z
  .object({ endpointId: z.string(), accountId: z.string(), accountName: z.string() })
  .meta({ id: "PingEventData" });

/** A delivery's body, as Standard Webhooks recommends: the event type, when it happened, its data. */
export const webhookPayload = <Data extends z.ZodType>(
  type: WebhookEvent | typeof PING_EVENT,
  data: Data,
) => z.object({ type: z.literal(type), timestamp, data });
