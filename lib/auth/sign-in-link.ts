import { AsyncLocalStorage } from "node:async_hooks";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { requestLocale } from "@/lib/i18n/request-locale";
import { enqueueEmail } from "@/lib/mail/outbox";
import { consumeRateLimits } from "@/lib/rate-limit";

/** One request to next-auth, as far as sign-in links are concerned. */
interface SignInAttempt {
  /** Who asked, for the per-client limit. */
  clientAddress: string;
  /** Set when a sign-in link was refused: the seconds until one may be asked for again. */
  retryAfterSeconds?: number;
}

// next-auth calls sendVerificationRequest with the address only, and answers a refusal with its
// generic "EmailSignin" error: the route handler learns who asked, and whether it was refused,
// through this request-scoped slot.
const attempts = new AsyncLocalStorage<SignInAttempt>();

/**
 * Runs next-auth on one request on behalf of `clientAddress`, and says whether a sign-in link was
 * refused by a rate limit along the way (and for how long).
 */
export async function withSignInAttempt<T>(
  clientAddress: string,
  handle: () => Promise<T>,
): Promise<{ outcome: T; retryAfterSeconds?: number }> {
  const attempt: SignInAttempt = { clientAddress };
  const outcome = await attempts.run(attempt, handle);
  return { outcome, retryAfterSeconds: attempt.retryAfterSeconds };
}

/**
 * next-auth's sendVerificationRequest: queues the sign-in email through the outbox, unless the
 * address or the client asking has had too many links lately. The address is next-auth's
 * normalised one, so changing its case or spacing does not get a new allowance, and known and
 * unknown addresses are counted (and refused) alike.
 *
 * A refusal within an attempt is noted there for the route handler to answer, without throwing:
 * next-auth would log an expected refusal as a server error. Outside one, it throws RATE_LIMITED.
 */
export async function sendSignInLink({
  identifier,
  url,
}: {
  identifier: string;
  url: string;
}): Promise<void> {
  const attempt = attempts.getStore();
  try {
    await consumeRateLimits([
      ["signInLinkPerAddress", identifier],
      ["signInLinkPerClient", attempt?.clientAddress ?? "unknown"],
    ]);
  } catch (error) {
    if (!attempt || !(error instanceof AppError) || error.code !== "RATE_LIMITED") throw error;
    attempt.retryAfterSeconds = Number(error.details.seconds);
    return;
  }
  const user = await db.user.findUnique({ where: { email: identifier }, select: { locale: true } });
  await enqueueEmail(db, {
    to: identifier,
    template: "sign-in",
    locale: user?.locale ?? (await requestLocale()),
    payload: { url, minutes: env().SIGN_IN_LINK_MINUTES },
  });
}
