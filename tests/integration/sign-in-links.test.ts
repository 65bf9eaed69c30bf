import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sendSignInLink, withSignInAttempt } from "@/lib/auth/sign-in-link";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { PEER_ADDRESS_HEADER, parseTrustedProxies } from "@/lib/http/client-address";
import { clientAddressOf } from "@/lib/http/peer-address";
import { createUser, unique } from "../factories";
import { callNextAuth, cookiesSet, postSignInForm } from "../support/next-auth-client";

// next-auth reads its public URL from the environment itself.
process.env.NEXTAUTH_URL ??= "http://localhost:3000";

const newAddress = () => `someone-${unique()}@example.com`;
/** A client's IPv4 address no other test uses (10.x.y.z, three random bytes). */
const newClient = () => `10.${[...randomBytes(3)].join(".")}`;

/** Asks next-auth itself for a sign-in link (its CSRF check included), as the sign-in form does. */
async function askForLink(email: string, clientAddress: string) {
  const { redirect, retryAfterSeconds } = await postSignInForm(
    { email, callbackUrl: "/requests" },
    clientAddress,
  );
  return { redirect, retryAfterSeconds };
}

const emailsTo = (to: string) => db.emailMessage.count({ where: { to, template: "sign-in" } });

describe("sign-in links are rate-limited where next-auth sends them", () => {
  it("refuses the sixth link for one address within 15 minutes, says how long to wait, and queues no email", async () => {
    const address = newAddress();
    const client = newClient();
    for (let i = 0; i < 5; i += 1) {
      const answer = await askForLink(address, client);
      expect(answer.retryAfterSeconds).toBeUndefined();
      expect(answer.redirect).toContain("/verify-request");
    }
    expect(await emailsTo(address)).toBe(5);

    // Another spelling of the same address gets no new allowance: next-auth normalises it first.
    const sixth = await askForLink(`  ${address.toUpperCase()} `, newClient());
    expect(sixth.retryAfterSeconds).toBeGreaterThan(0);
    expect(sixth.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    expect(await emailsTo(address)).toBe(5);
  });

  it("answers the same whether or not the address belongs to someone", async () => {
    const known = (await createUser()).email;
    const unknown = newAddress();
    const answers = async (address: string) => {
      const client = newClient();
      const seen = [];
      for (let i = 0; i < 6; i += 1) {
        const { redirect, retryAfterSeconds } = await askForLink(address, client);
        seen.push({ redirect, refused: retryAfterSeconds !== undefined });
      }
      return seen;
    };
    const [forKnown, forUnknown] = [await answers(known), await answers(unknown)];
    expect(forKnown).toEqual(forUnknown);
    expect(forKnown.map((answer) => answer.refused)).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
    expect([await emailsTo(known), await emailsTo(unknown)]).toEqual([5, 5]);
  });

  it("answers a disabled account as any other address, queues it the same email, and refuses its link when used", async () => {
    const disabled = (await createUser({ disabledAt: new Date() })).email;
    const enabled = (await createUser()).email;
    const unknown = newAddress();
    const answers = [];
    for (const address of [disabled, enabled, unknown]) {
      const { status, redirect, retryAfterSeconds, setCookies } = await postSignInForm(
        { email: address, callbackUrl: "/requests" },
        newClient(),
      );
      // The cookies next-auth sets, by name (their values are per request).
      const cookieNames = setCookies.map((line) => line.split("=")[0]).sort();
      answers.push({ status, redirect, retryAfterSeconds, cookieNames });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]).toEqual(answers[2]);
    expect(answers[0]!.redirect).toContain("/verify-request");
    // The same work for each: one verification token and one queued email of the same template.
    for (const address of [disabled, enabled, unknown]) {
      expect(await emailsTo(address)).toBe(1);
      expect(await db.verificationToken.count({ where: { identifier: address } })).toBe(1);
    }

    // Only the owner of the mailbox learns the account is disabled: its link does not sign in.
    const message = await db.emailMessage.findFirstOrThrow({
      where: { to: disabled, template: "sign-in" },
    });
    const link = new URL((message.payload as { url: string }).url);
    const followed = await callNextAuth({
      path: ["callback", "email"],
      query: Object.fromEntries(link.searchParams),
    });
    expect(followed.redirect).toContain("error=AccessDenied");
    expect(Object.keys(cookiesSet(followed))).not.toContain("next-auth.session-token");
    expect(await db.session.count({ where: { user: { email: disabled } } })).toBe(0);
  });

  it("refuses one client asking for links to many addresses after 30 in 15 minutes, and no one else", async () => {
    const client = newClient();
    for (let i = 0; i < 30; i += 1) {
      await withSignInAttempt(client, () =>
        sendSignInLink({ identifier: newAddress(), url: "http://localhost:3000/x" }),
      );
    }
    const address = newAddress();
    const refused = await withSignInAttempt(client, () =>
      sendSignInLink({ identifier: address, url: "http://localhost:3000/x" }),
    );
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    expect(await emailsTo(address)).toBe(0);

    const other = await withSignInAttempt(newClient(), () =>
      sendSignInLink({ identifier: address, url: "http://localhost:3000/x" }),
    );
    expect(other.retryAfterSeconds).toBeUndefined();
    expect(await emailsTo(address)).toBe(1);
  });

  it("counts a client as one whatever X-Forwarded-For it sends, and the clients of a trusted proxy apart", async () => {
    const socket = newClient();
    // As the route handler reads it: the socket's address the server stamped, the header as sent.
    const clientOf = (forwardedFor: string, trusted = parseTrustedProxies(undefined)) =>
      clientAddressOf(
        new Headers({ [PEER_ADDRESS_HEADER]: socket, "x-forwarded-for": forwardedFor }),
        trusted,
      );
    const ask = (client: string, address = newAddress()) =>
      withSignInAttempt(client, () =>
        sendSignInLink({ identifier: address, url: "http://localhost:3000/x" }),
      );
    for (let i = 0; i < 30; i += 1) await ask(clientOf(newClient()));
    const address = newAddress();
    const refused = await ask(clientOf(newClient()), address);
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(await emailsTo(address)).toBe(0);

    // The same socket as a proxy listed in TRUSTED_PROXIES: the client it forwards is its own.
    const behindProxy = await ask(clientOf(newClient(), parseTrustedProxies(socket)), address);
    expect(behindProxy.retryAfterSeconds).toBeUndefined();
    expect(await emailsTo(address)).toBe(1);
  });

  it("throws the refusal when asked outside a request to next-auth", async () => {
    const address = newAddress();
    for (let i = 0; i < 5; i += 1)
      await sendSignInLink({ identifier: address, url: "http://localhost:3000/x" });
    const error = await sendSignInLink({
      identifier: address,
      url: "http://localhost:3000/x",
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "RATE_LIMITED" });
    expect(await emailsTo(address)).toBe(5);
  });
});
