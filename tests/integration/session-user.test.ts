import { describe, expect, it } from "vitest";
import { sessionCookieName, sessionLimits, userForSessionToken } from "@/lib/auth/session-user";
import { db } from "@/lib/db/client";
import { parseEnv } from "@/lib/env";
import { createSession, createUser } from "../factories";

const DAY = 24 * 3600_000;

const HOUR = 3600_000;

const sessionOf = (userId: string, expires: Date, lastSeenAt = new Date()) =>
  createSession(userId, { expires, lastSeenAt });

const lastSeen = async (sessionToken: string) =>
  (await db.session.findUniqueOrThrow({ where: { sessionToken } })).lastSeenAt.getTime();

describe("the signed-in user, read from the session in one statement", () => {
  it("gives the user of a live session with their profile and role", async () => {
    const user = await createUser({ firstName: "Rachel", platformRole: "SUPPORT", locale: "fr" });
    const token = await sessionOf(user.id, new Date(Date.now() + 10 * DAY));
    expect(await userForSessionToken(token)).toMatchObject({
      id: user.id,
      email: user.email,
      firstName: "Rachel",
      platformRole: "SUPPORT",
      locale: "fr",
    });
  });

  it("gives nobody for an unknown token, an expired session or a disabled user", async () => {
    const user = await createUser();
    const expired = await sessionOf(user.id, new Date(Date.now() - 1000));
    expect(await userForSessionToken(expired)).toBeNull();
    expect(await userForSessionToken("no-such-token")).toBeNull();

    const disabled = await createUser({ disabledAt: new Date() });
    expect(
      await userForSessionToken(await sessionOf(disabled.id, new Date(Date.now() + DAY))),
    ).toBeNull();
  });

  it("has an idle timeout of 12 hours and an absolute lifetime of 7 days unless configured", () => {
    expect(
      sessionLimits(
        parseEnv({ DATABASE_URL: "postgres://localhost/x", NEXTAUTH_SECRET: "s".repeat(32) }),
      ),
    ).toEqual({
      idleSeconds: 12 * 3600,
      lifetimeSeconds: 7 * 24 * 3600,
    });
    const configured = parseEnv({
      DATABASE_URL: "postgres://localhost/x",
      NEXTAUTH_SECRET: "s".repeat(32),
      SESSION_IDLE_HOURS: "0.5",
      SESSION_LIFETIME_DAYS: "1",
    });
    expect(sessionLimits(configured)).toEqual({ idleSeconds: 1800, lifetimeSeconds: 24 * 3600 });
  });

  it("ends a session nobody used for longer than the idle timeout", async () => {
    const user = await createUser();
    const now = new Date();
    const limits = { idleSeconds: 12 * 3600, lifetimeSeconds: 7 * 24 * 3600 };
    const expires = new Date(now.getTime() + 5 * DAY);
    const idle = await sessionOf(user.id, expires, new Date(now.getTime() - 12 * HOUR - 1000));
    const recent = await sessionOf(user.id, expires, new Date(now.getTime() - 11 * HOUR));
    expect(await userForSessionToken(idle, now, limits)).toBeNull();
    expect(await userForSessionToken(recent, now, limits)).toMatchObject({ id: user.id });
    // Used now: the idle timeout counts again from now.
    expect(await lastSeen(recent)).toBe(now.getTime());
    const later = new Date(now.getTime() + 11 * HOUR);
    expect(await userForSessionToken(recent, later, limits)).toMatchObject({ id: user.id });
  });

  it("records a session's use at most once a minute, in the same statement", async () => {
    const user = await createUser();
    const now = new Date();
    const seen = new Date(now.getTime() - 30_000);
    const token = await sessionOf(user.id, new Date(now.getTime() + DAY), seen);
    await userForSessionToken(token, now);
    expect(await lastSeen(token)).toBe(seen.getTime());
    await userForSessionToken(token, new Date(now.getTime() + 31_000));
    expect(await lastSeen(token)).toBe(now.getTime() + 31_000);
  });

  it("ends a session at its absolute lifetime however often it is used, and never moves that end", async () => {
    const user = await createUser();
    const now = new Date();
    const expires = new Date(now.getTime() + HOUR);
    const token = await sessionOf(user.id, expires);
    for (const minutes of [10, 20, 59]) {
      expect(
        await userForSessionToken(token, new Date(now.getTime() + minutes * 60_000)),
      ).toMatchObject({ id: user.id });
    }
    expect(
      (await db.session.findUniqueOrThrow({ where: { sessionToken: token } })).expires.getTime(),
    ).toBe(expires.getTime());
    expect(await userForSessionToken(token, new Date(now.getTime() + HOUR))).toBeNull();
  });

  it("ends every session of a user at once when they are disabled; enabling them again revives none", async () => {
    const user = await createUser();
    const other = await createUser();
    const tokens = [
      await sessionOf(user.id, new Date(Date.now() + DAY)),
      await sessionOf(user.id, new Date(Date.now() + DAY)),
    ];
    const otherToken = await sessionOf(other.id, new Date(Date.now() + DAY));
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    await db.user.update({ where: { id: user.id }, data: { disabledAt: null } });
    for (const token of tokens) expect(await userForSessionToken(token)).toBeNull();
    expect(await userForSessionToken(otherToken)).toMatchObject({ id: other.id });
  });

  it("names next-auth's cookie, with the secure prefix over https", () => {
    expect(sessionCookieName("http://localhost:3000")).toBe("next-auth.session-token");
    expect(sessionCookieName("https://portal.example.com")).toBe(
      "__Secure-next-auth.session-token",
    );
  });
});
