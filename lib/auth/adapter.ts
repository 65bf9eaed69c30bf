import { PrismaAdapter } from "@next-auth/prisma-adapter";
import type { Adapter, AdapterAccount, AdapterUser } from "next-auth/adapters";
import { db } from "@/lib/db/client";

const ACCOUNT_FIELDS = [
  "userId", "type", "provider", "providerAccountId", "refresh_token", "access_token",
  "expires_at", "token_type", "scope", "id_token", "session_state",
] as const;

/**
 * next-auth's Prisma adapter, pointed at our model names (a next-auth "account" is an AuthAccount
 * here: Account means a Smart Account). Writes are narrowed to the columns we have, without
 * `undefined` values (the client runs with strictUndefinedChecks) and without the identity
 * provider's subject as our user id.
 */
export function portalAuthAdapter(): Adapter {
  const base = PrismaAdapter({
    user: db.user,
    account: db.authAccount,
    session: db.session,
    verificationToken: db.verificationToken,
  } as unknown as Parameters<typeof PrismaAdapter>[0]);

  return {
    ...base,
    async createUser(user: Omit<AdapterUser, "id">) {
      const created = await db.user.create({
        data: {
          email: user.email.trim().toLowerCase(),
          emailVerified: user.emailVerified ?? null,
          name: user.name ?? null,
          image: user.image ?? null,
        },
      });
      return created as AdapterUser;
    },
    async linkAccount(account: AdapterAccount) {
      const data: Record<string, unknown> = {};
      for (const field of ACCOUNT_FIELDS) {
        const value = account[field];
        if (value !== undefined && value !== null) data[field] = value;
      }
      await db.authAccount.create({ data: data as Parameters<typeof db.authAccount.create>[0]["data"] });
    },
  };
}
