import { describe, expect, it } from "vitest";
import { portalAuthAdapter } from "@/lib/auth/adapter";
import { userForSessionToken } from "@/lib/auth/session-user";
import { createSession, createUser } from "../factories";

/*
 * "Session valid" (lib/auth/session-user.ts, the SQL function session_valid), one table of cases
 * driven through both paths that read a session: every signed-in request (getCurrentUser →
 * userForSessionToken → session_user_of) and next-auth's own read (its /api/auth/session → the
 * adapter's getSessionAndUser). Both must answer alike for every case. The test environment has the
 * defaults: an idle timeout of 12 hours, an absolute lifetime of 7 days.
 */

const SECOND_MS = 1000;
const HOUR_MS = 3600 * SECOND_MS;

interface Case {
  name: string;
  valid: boolean;
  /** `expires` from now (a day unless given). */
  expiresInMs?: number;
  /** `lastSeenAt` before now (now unless given). */
  seenMsAgo?: number;
  disabled?: boolean;
  unknown?: boolean;
}

const cases: Case[] = [
  { name: "a session used now", valid: true },
  { name: "a session that ends in a minute", expiresInMs: 60 * SECOND_MS, valid: true },
  { name: "a session past its absolute end", expiresInMs: -SECOND_MS, valid: false },
  { name: "a session last used 11 hours ago", seenMsAgo: 11 * HOUR_MS, valid: true },
  {
    name: "a session idle for longer than 12 hours",
    seenMsAgo: 12 * HOUR_MS + 10 * SECOND_MS,
    valid: false,
  },
  { name: "a session of a disabled user", disabled: true, valid: false },
  { name: "an unknown session token", unknown: true, valid: false },
];

async function sessionOf(kase: Case): Promise<{ token: string; userId: string }> {
  const user = await createUser(kase.disabled ? { disabledAt: new Date() } : {});
  if (kase.unknown) return { token: "f".repeat(64), userId: user.id };
  const token = await createSession(user.id, {
    expires: new Date(Date.now() + (kase.expiresInMs ?? 24 * HOUR_MS)),
    lastSeenAt: new Date(Date.now() - (kase.seenMsAgo ?? 0)),
  });
  return { token, userId: user.id };
}

/** Each path: the user the session gives, or null. */
const paths: Record<string, (token: string) => Promise<string | null>> = {
  "every signed-in request (userForSessionToken, session_user_of)": async (token) =>
    (await userForSessionToken(token))?.id ?? null,
  "next-auth's own read (the adapter's getSessionAndUser)": async (token) =>
    (await portalAuthAdapter().getSessionAndUser!(token))?.user.id ?? null,
};

describe("session valid: one rule, every path", () => {
  for (const [path, userOf] of Object.entries(paths)) {
    describe(path, () => {
      it.each(cases)("$name: $valid", async (kase) => {
        const { token, userId } = await sessionOf(kase);
        expect(await userOf(token)).toBe(kase.valid ? userId : null);
      });
    });
  }
});
