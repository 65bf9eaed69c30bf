import { getCsrfToken } from "next-auth/react";

export type SignInLinkOutcome =
  { status: "sent" } | { status: "rateLimited"; retryAfterSeconds: number } | { status: "failed" };

/**
 * Asks next-auth for a sign-in link through its REST interface (POST /api/auth/signin/email with
 * its CSRF token), from the browser. next-auth's own signIn() does the same but keeps nothing of a
 * refusal's Retry-After, and the form says when to try again.
 */
export async function requestSignInLink(
  email: string,
  callbackUrl: string,
): Promise<SignInLinkOutcome> {
  const csrfToken = await getCsrfToken();
  if (!csrfToken) return { status: "failed" };
  const response = await fetch("/api/auth/signin/email", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, callbackUrl, csrfToken, json: "true" }),
  });
  if (response.status === 429) {
    return {
      status: "rateLimited",
      retryAfterSeconds: Number(response.headers.get("retry-after")) || 60,
    };
  }
  if (!response.ok) return { status: "failed" };
  // next-auth answers with where it would redirect: its error page carries an `error` parameter.
  const { url } = (await response.json()) as { url?: string };
  return url && !new URL(url, window.location.origin).searchParams.has("error")
    ? { status: "sent" }
    : { status: "failed" };
}
