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
