import type { NextAuthOptions } from "next-auth";
import EmailProvider from "next-auth/providers/email";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { db } from "@/lib/db/client";
import { env, oidcEnabled } from "@/lib/env";
import { safeRedirectTarget } from "@/lib/http/redirects";
import { portalAuthAdapter } from "./adapter";
import { sendSignInLink } from "./sign-in-link";
import { SESSION_MAX_AGE_SECONDS, SESSION_UPDATE_AGE_SECONDS } from "./session-user";
import { DAY_SECONDS } from "@/lib/time";

interface OidcProfile {
  sub: string;
  email: string;
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
    // The identity provider is the company's own and asserts the address, so an existing user who
    // signed in by email before is the same person.
    allowDangerousEmailAccountLinking: true,
    profile: (profile) => ({ id: profile.sub, email: profile.email.toLowerCase(), name: profile.name ?? null }),
  };
}

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const e = env();
  cached = {
    adapter: portalAuthAdapter(),
    secret: e.NEXTAUTH_SECRET,
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: SESSION_UPDATE_AGE_SECONDS },
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
        maxAge: DAY_SECONDS,
        sendVerificationRequest: sendSignInLink,
      }),
      ...(oidcEnabled(e) ? [companySso()] : []),
    ],
    callbacks: {
      async signIn({ user }) {
        if (!user.email) return false;
        const existing = await db.user.findUnique({ where: { email: user.email.toLowerCase() }, select: { disabledAt: true } });
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
