import type { ApiScope } from "@/lib/api/rules";
import { newTokenSecret } from "@/lib/api/token-secret";
import { appDatabase, type FactoryClient } from "./client";

/**
 * A live API token of the user written straight to the database (no audit event), and its secret:
 * for a token the portal would no longer let its creator make (they became support staff since).
 * A test of creating tokens uses tokenFor() (tests/integration/api-client.ts): the mutation.
 */
export async function createApiTokenRow(
  creatorId: string,
  options: { scopes?: ApiScope[]; accountIds?: string[]; name?: string } = {},
  client: FactoryClient = appDatabase,
) {
  const secret = newTokenSecret();
  const { id } = await client.apiToken.create({
    data: {
      name: options.name ?? "Test token",
      tokenHash: secret.hash,
      prefix: secret.prefix,
      scopes: options.scopes ?? ["requests:read"],
      accountIds: options.accountIds ?? [],
      creatorId,
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  return { id, token: secret.token };
}

/** A webhook endpoint of the account, enabled, written straight to the database. */
export async function createWebhookEndpoint(
  data: { accountId: string; createdById: string; url?: string; events?: string[] },
  client: FactoryClient = appDatabase,
) {
  return client.webhookEndpoint.create({
    data: {
      accountId: data.accountId,
      url: data.url ?? "https://hooks.example.com/test",
      events: data.events ?? ["request.created"],
      secret: "whsec_d2Fsaw==",
      createdById: data.createdById,
    },
  });
}
