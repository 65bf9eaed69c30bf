import type { NextAuthOptions } from "next-auth";
import EmailProvider from "next-auth/providers/email";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { db } from "@/lib/db/client";
import { env, oidcEnabled } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { safeRedirectTarget } from "@/lib/http/redirects";
import { logger } from "@/lib/log";
import { portalAuthAdapter } from "./adapter";
import { parseSignInAddress } from "./rules";
import { LAST_SEEN_RESOLUTION_SECONDS, sessionLimits } from "./session-user";
import { sendSignInLink } from "./sign-in-link";

interface OidcProfile {
  sub: string;
  email: string;
  /** OpenID Connect's claim that the provider checked the address belongs to the person. */
  email_verified?: boolean;
  name?: string;
}

/** Company single sign-on, enabled when OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set. */
function companySso(): OAuthConfig<OidcProfile> {
  const e = env();
  return {
    id: "oidc",
    name: e.OIDC_NAME,
    type: "oauth",
    wellKnown: `${e.OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    // An existing user who signed in by email before is the same person only if the provider
    // verified the address: the signIn callback refuses every sign-in without email_verified.
    allowDangerousEmailAccountLinking: true,
    profile: (profile) => ({
      id: profile.sub,
      email: profile.email.toLowerCase(),
      name: profile.name ?? null,
    }),
  };
}

/**
 * next-auth's messages in the portal's log. An address the sign-in form would have refused is the
 * sender's mistake, not the server's: logged as such, without a stack.
 */
const nextAuthLogger: NextAuthOptions["logger"] = {
  error(code, metadata) {
    if (code === "SIGNIN_EMAIL_ERROR")
      logger.info({ nextAuth: code }, "sign-in link refused: not an email address");
    else
      logger.error(
        {
          nextAuth: code,
          err: metadata instanceof Error ? metadata : (metadata as { error?: unknown }).error,
        },
        "next-auth error",
      );
  },
  warn: (code) => logger.warn({ nextAuth: code }, "next-auth warning"),
  debug: () => undefined,
};

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const e = env();
  cached = {
    adapter: portalAuthAdapter(),
    secret: e.NEXTAUTH_SECRET,
    // maxAge is the absolute lifetime; the idle timeout is the portal's own (./session-user.ts).
    session: {
      strategy: "database",
      maxAge: sessionLimits(e).lifetimeSeconds,
      updateAge: LAST_SEEN_RESOLUTION_SECONDS,
    },
    logger: nextAuthLogger,
    pages: {
      signIn: "/sign-in",
      verifyRequest: "/sign-in/check-email",
      error: "/sign-in/error",
      signOut: "/sign-out",
    },
    providers: [
      EmailProvider({
        // Never used: sign-in links go through the outbox like every other email.
        server: "smtp://localhost:25",
        from: e.MAIL_FROM,
        maxAge: e.SIGN_IN_LINK_MINUTES * 60,
        sendVerificationRequest: sendSignInLink,
        // The form's own check, on the server: next-auth's would let through what the form refuses
        // (a 1 MB address, "a@b.example,c") and write its token before the link is refused.
        normalizeIdentifier(identifier: unknown) {
          const email =
            typeof identifier === "string"
              ? parseSignInAddress(identifier.normalize("NFKC"))
              : null;
          // next-auth catches it and shows its EmailSignin error page (logged as a refusal above).
          if (!email) throw new AppError("VALIDATION", "Invalid email address");
          return email;
        },
      }),
      ...(oidcEnabled(e) ? [companySso()] : []),
    ],
    callbacks: {
      async signIn({ user, account, profile, email }) {
        if (!user.email) return false;
        // Asking for a sign-in link: every address gets the same answer and the same work (a
        // token, a rate-limit check, one queued email), so the answer cannot tell a disabled
        // account from any other. A disabled user is refused below, when the link is used: only
        // the owner of the mailbox learns it.
        if (email?.verificationRequest) return true;
        if (
          account?.provider === "oidc" &&
          (profile as OidcProfile | undefined)?.email_verified !== true
        ) {
          // Without it, anyone the provider lets choose an address could take over that user.
          return `${e.NEXTAUTH_URL.replace(/\/$/, "")}/sign-in/error?error=EmailNotVerified`;
        }
        const existing = await db.user.findUnique({
          where: { email: user.email.toLowerCase() },
          select: { disabledAt: true },
        });
        return !existing?.disabledAt;
      },
      // Every redirect next-auth makes (the callbackUrl of the query, the form or its cookie).
      redirect({ url, baseUrl }) {
        return new URL(safeRedirectTarget(url, baseUrl), baseUrl).toString();
      },
      session({ session, user }) {
        session.user.id = user.id;
        return session;
      },
    },
  };
  return cached;
}
