/**
 * What the webhook pages show of an endpoint: its address, events and description, and what
 * endpointStatus needs to say how it is doing.
 */
export const endpointSummarySelect = {
  id: true,
  url: true,
  description: true,
  events: true,
  disabledAt: true,
  disabledReason: true,
  failingSince: true,
  createdAt: true,
} as const;

/** How an endpoint is doing, as its pages show it (integrations.webhooks.status.*). */
export function endpointStatus(endpoint: {
  disabledAt: Date | null;
  disabledReason: string | null;
  failingSince: Date | null;
}) {
  if (endpoint.disabledAt)
    return {
      key: endpoint.disabledReason === "failing" ? "disabledFailing" : "disabledAdministrator",
      since: endpoint.disabledAt,
    } as const;
  if (endpoint.failingSince) return { key: "failing", since: endpoint.failingSince } as const;
  return { key: "active", since: null } as const;
}
