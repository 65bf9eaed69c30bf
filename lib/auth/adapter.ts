import { PrismaAdapter } from "@next-auth/prisma-adapter";
import type { Adapter, AdapterAccount, AdapterSession, AdapterUser } from "next-auth/adapters";
import { db } from "@/lib/db/client";
import { isValidSession } from "./session-user";

const ACCOUNT_FIELDS = [
  "userId",
  "type",
  "provider",
  "providerAccountId",
  "refresh_token",
  "access_token",
  "expires_at",
  "token_type",
  "scope",
  "id_token",
  "session_state",
] as const;

/**
 * next-auth's Prisma adapter, pointed at our model names (a next-auth "account" is an AuthAccount
 * here: Account means a Smart Account). Writes are narrowed to the columns we have, without
 * `undefined` values (the client runs with strictUndefinedChecks) and without the identity
 * provider's subject as our user id; a new session records the user's last sign-in. Sessions follow the portal's rule "session valid" (./session-user.ts) when
 * next-auth reads them itself (its /api/auth/session), and their absolute end never moves.
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
      await db.authAccount.create({
        data: data as Parameters<typeof db.authAccount.create>[0]["data"],
      });
    },
    async createSession(session: { sessionToken: string; userId: string; expires: Date }) {
      // Every sign-in creates a session: the moment is the user's last sign-in, shown to the
      // administrators of their accounts.
      const [created] = await db.$transaction([
        db.session.create({
          data: {
            sessionToken: session.sessionToken,
            userId: session.userId,
            expires: session.expires,
          },
        }),
        db.user.update({
          where: { id: session.userId },
          data: { lastSignInAt: new Date() },
          select: { id: true },
        }),
      ]);
      return created;
    },
    async getSessionAndUser(sessionToken: string) {
      // The portal's rule (session_valid), not next-auth's own check of `expires` alone.
      if (!(await isValidSession(sessionToken))) return null;
      const found = await db.session.findUnique({
        where: { sessionToken },
        include: { user: true },
      });
      if (!found) return null;
      const { user, ...session } = found;
      return { user: user as AdapterUser, session };
    },
    async updateSession({ sessionToken }: Pick<AdapterSession, "sessionToken">) {
      // next-auth asks to slide `expires`; only the use is recorded.
      return db.session.update({ where: { sessionToken }, data: { lastSeenAt: new Date() } });
    },
  };
}
