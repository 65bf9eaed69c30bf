import type { NextApiRequest, NextApiResponse } from "next";
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { withSignInAttempt } from "@/lib/auth/sign-in-link";

export interface NextAuthAnswer {
  status: number;
  /** Where next-auth redirects (Location, or the `url` of a JSON answer). */
  redirect?: string;
  body?: unknown;
  setCookies: string[];
}

/**
 * Calls the portal's next-auth configuration in this process, through next-auth's own request
 * handler (its Pages-router form, which takes plain objects where the route handler needs a Next
 * request scope): everything next-auth does, callbacks and adapter included, minus the HTTP server.
 */
export async function callNextAuth(request: {
  path: string[];
  method?: "GET" | "POST";
  query?: Record<string, string>;
  body?: Record<string, string>;
  cookies?: Record<string, string>;
  headers?: Record<string, string>;
}): Promise<NextAuthAnswer> {
  const answer: NextAuthAnswer = { status: 200, setCookies: [] };
  const headers = new Map<string, unknown>();
  const res = {
    status(code: number) {
      answer.status = code;
      return res;
    },
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    setHeader(name: string, value: unknown) {
      headers.set(name.toLowerCase(), value);
      if (name.toLowerCase() === "location") answer.redirect = String(value);
      return res;
    },
    json(body: { url?: string }) {
      answer.body = body;
      answer.redirect ??= body.url;
    },
    send(body: unknown) {
      answer.body = body;
    },
    end() {},
  };
  const req = {
    method: request.method ?? "GET",
    query: { ...request.query, nextauth: request.path },
    body: request.body ?? {},
    cookies: request.cookies ?? {},
    headers: { host: "localhost:3000", ...request.headers },
  };
  await NextAuth(
    req as unknown as NextApiRequest,
    res as unknown as NextApiResponse,
    authOptions(),
  );
  answer.setCookies = ([] as string[]).concat(
    (headers.get("set-cookie") as string[] | undefined) ?? [],
  );
  return answer;
}

/** name → value of the cookies an answer sets, as the browser sends them back (decoded). */
export function cookiesSet(answer: NextAuthAnswer): Record<string, string> {
  return Object.fromEntries(
    answer.setCookies.map((line) => {
      const [name, value] = line.split(";")[0]!.split(/=(.*)/s);
      return [name!, decodeURIComponent(value ?? "")];
    }),
  );
}

/** A CSRF token and its cookie, as the sign-in form gets them before posting. */
export async function csrfForm(): Promise<{ csrfToken: string; cookies: Record<string, string> }> {
  const answer = await callNextAuth({ path: ["csrf"] });
  return {
    csrfToken: (answer.body as { csrfToken: string }).csrfToken,
    cookies: cookiesSet(answer),
  };
}

/**
 * Posts the sign-in form as the browser does (CSRF token and cookie first, `json` answer) on
 * behalf of `clientAddress`, as the route handler does: next-auth's answer, and the seconds to
 * wait where a rate limit refused the link. Fields given in `fields` replace the form's own.
 */
export async function postSignInForm(
  fields: Record<string, unknown>,
  clientAddress: string,
): Promise<NextAuthAnswer & { retryAfterSeconds?: number }> {
  const { csrfToken, cookies } = await csrfForm();
  const body = { csrfToken, json: "true", ...fields } as Record<string, string>;
  const { outcome, retryAfterSeconds } = await withSignInAttempt(clientAddress, () =>
    callNextAuth({ path: ["signin", "email"], method: "POST", cookies, body }),
  );
  return { ...outcome, retryAfterSeconds };
}
