import Provider from "oidc-provider";
import { freePort } from "../../support/test-database";

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

/**
 * A real OpenID Connect provider (the `oidc-provider` package) standing in for a company's SSO.
 * Its built-in development login form accepts any login; we use the login as the email address,
 * asserted as verified (`email_verified: true`) unless the login starts with UNVERIFIED_LOGIN_PREFIX.
 */
/** A login of `unverified:name@example.com` signs in as name@example.com with `email_verified: false`. */
export const UNVERIFIED_LOGIN_PREFIX = "unverified:";

export async function startOidcProvider(redirectUri: string): Promise<TestOidcProvider> {
  const port = await freePort();
  const issuer = `http://localhost:${port}`;
  const clientId = "access-portal";
  const clientSecret = "access-portal-test-secret";
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // next-auth reads the profile from the ID token.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, id) {
      return {
        accountId: id,
        async claims() {
          const verified = !id.startsWith(UNVERIFIED_LOGIN_PREFIX);
          const email = id.slice(verified ? 0 : UNVERIFIED_LOGIN_PREFIX.length).toLowerCase();
          return { sub: id, email, email_verified: verified, name: "SSO User" };
        },
      };
    },
  });
  const server = provider.listen(port);
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  return {
    issuer,
    clientId,
    clientSecret,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
