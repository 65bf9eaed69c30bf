import { randomBytes, randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";

const unique = () => randomBytes(4).toString("hex");

/** Users with complete profiles (they may submit requests at once), created in one statement. */
export async function createUsers(
  db: PrismaClient,
  count: number,
  label: string,
): Promise<{ id: string; email: string }[]> {
  const users = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    email: `${label}-${i}-${unique()}@example.com`,
  }));
  await db.user.createMany({
    data: users.map((user) => ({
      ...user,
      emailVerified: new Date(),
      firstName: "Resilient",
      lastName: label,
      company: "Testing Inc.",
      jobTitle: "Tester",
      country: "US",
      phone: "+1 555 0100",
      locale: "en" as const,
    })),
  });
  return users;
}

/** An active account with one identifier, administered by `adminIds`. */
export async function createAccount(
  db: PrismaClient,
  adminIds: string[],
): Promise<{ id: string; name: string; domain: string }> {
  const domain = `r${unique()}.example`;
  const account = await db.account.create({
    data: {
      name: `Resilience ${domain}`,
      domains: { create: [{ domain }] },
      memberships: { create: adminIds.map((userId) => ({ userId, role: "ADMIN" as const })) },
    },
  });
  return { id: account.id, name: account.name, domain };
}

/** One pending request of each requester for the account, as if each had submitted it; their ids in order. */
export async function createPendingRequests(
  db: PrismaClient,
  account: { id: string; domain: string },
  requesterIds: string[],
): Promise<string[]> {
  const ids = requesterIds.map(() => randomUUID());
  await db.accessRequest.createMany({
    data: requesterIds.map((requesterId, i) => ({
      id: ids[i]!,
      requesterId,
      accountId: account.id,
      domain: account.domain,
      reason: "Resilience suite: I need to manage this account's licences.",
      expiresAt: new Date(Date.now() + 30 * 24 * 3600_000),
    })),
  });
  return ids;
}
