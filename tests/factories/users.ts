import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { completeProfile } from "../support/complete-profile";
import { appDatabase, type FactoryClient } from "./client";
import { createMembership } from "./memberships";
import { unique } from "./unique";

/** A user with a complete profile (they may submit requests at once), in English, unless overridden. */
export async function createUser(
  data: Partial<Prisma.UserCreateInput> = {},
  client: FactoryClient = appDatabase,
) {
  return client.user.create({
    data: { email: `user-${unique()}@example.com`, ...completeProfile, locale: "en", ...data },
  });
}

/** `count` such users in one statement (for suites that need hundreds), emailed `<label>-<i>-…`. */
export async function createUsers(
  count: number,
  label: string,
  client: FactoryClient = appDatabase,
): Promise<{ id: string; email: string }[]> {
  const users = Array.from({ length: count }, (_, i) => ({
    id: crypto.randomUUID(),
    email: `${label}-${i}-${unique()}@example.com`,
  }));
  await client.user.createMany({
    data: users.map((user) => ({ ...user, ...completeProfile, locale: "en" as const })),
  });
  return users;
}

/** A user who administers each of the accounts (an active ADMIN membership in each). */
export async function createAdmin(
  accountIds: string[],
  data: Partial<Prisma.UserCreateInput> = {},
  client: FactoryClient = appDatabase,
) {
  const admin = await createUser(data, client);
  for (const accountId of accountIds)
    await createMembership(admin.id, accountId, "ADMIN", {}, client);
  return admin;
}

/** The user as the use cases take them (what getCurrentUser gives for a signed-in user). */
export function actorOf(user: {
  id: string;
  email: string;
  platformRole: Actor["platformRole"];
  locale: Actor["locale"];
}): Actor {
  return { id: user.id, email: user.email, platformRole: user.platformRole, locale: user.locale };
}
