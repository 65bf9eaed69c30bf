import { actionHeaders, actionResult, createSessions, request, serverActionId } from "@/bench/http";

export interface Answer {
  status: number;
  /** The app server that answered, as nginx names it (X-Upstream); "" if nginx answered itself. */
  upstream: string;
  body: string;
}

export interface ActionAnswer<Data> extends Answer {
  /** The action's return value; undefined when the answer was no action result (an error page, a 502). */
  result:
    | { ok: true; data: Data }
    | { ok: false; code: string; details: Record<string, unknown> }
    | undefined;
}

// The ids of the server actions, from the build's manifest, by module and exported name.
const actions = {
  approve: ["app/admin/actions.ts", "approveRequestAction", "/admin/requests"],
  deny: ["app/admin/actions.ts", "denyRequestAction", "/admin/requests"],
  submit: ["app/requests/actions.ts", "submitRequestAction", "/requests/new"],
} as const;
type ActionName = keyof typeof actions;

/**
 * A signed-in user's HTTP client through the load balancer, calling pages, route handlers and
 * server actions the way the browser does (one session cookie, the same headers), on keep-alive
 * connections as a browser would.
 */
export class PortalUser {
  constructor(
    readonly baseUrl: string,
    readonly userId: string,
    readonly cookie: string,
  ) {}

  async get(path: string): Promise<Answer> {
    const answer = await request(`${this.baseUrl}${path}`, { headers: { cookie: this.cookie } });
    return {
      status: answer.status,
      upstream: String(answer.headers["x-upstream"] ?? ""),
      body: answer.body.toString("utf8"),
    };
  }

  /** Calls a server action from its page (`pagePath` by default the page whose form uses it). */
  async call<Data>(
    name: ActionName,
    args: unknown[],
    pagePath: string = actions[name][2],
  ): Promise<ActionAnswer<Data>> {
    const [file, exportedName] = actions[name];
    const answer = await request(`${this.baseUrl}${pagePath}`, {
      method: "POST",
      headers: actionHeaders(
        this.baseUrl,
        serverActionId(file, exportedName, ".next"),
        this.cookie,
      ),
      body: JSON.stringify(args),
    });
    const body = answer.body.toString("utf8");
    return {
      status: answer.status,
      upstream: String(answer.headers["x-upstream"] ?? ""),
      body,
      result:
        answer.status === 200 ? (actionResult(body) as ActionAnswer<Data>["result"]) : undefined,
    };
  }
}

/** Signed-in users (real database sessions, as next-auth writes them) for these user ids. */
export async function signInUsers(
  baseUrl: string,
  databaseUrl: string,
  userIds: string[],
): Promise<PortalUser[]> {
  const cookies = await createSessions(databaseUrl, userIds);
  return userIds.map((id) => new PortalUser(baseUrl, id, cookies.get(id)!));
}

/**
 * Asks for a sign-in link as the sign-in form does: next-auth's CSRF token and cookie first, then
 * the form posted for a JSON answer (a 429 with Retry-After when a limit refused it). The two
 * requests may land on different servers, as a browser's do.
 */
export async function askForSignInLink(baseUrl: string, email: string): Promise<Answer> {
  const csrf = await request(`${baseUrl}/api/auth/csrf`);
  const cookie = ([] as string[])
    .concat(csrf.headers["set-cookie"] ?? [])
    .map((line) => line.split(";")[0])
    .join("; ");
  const { csrfToken } = JSON.parse(csrf.body.toString("utf8")) as { csrfToken: string };
  const answer = await request(`${baseUrl}/api/auth/signin/email`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({
      email,
      csrfToken,
      callbackUrl: "/requests",
      json: "true",
    }).toString(),
  });
  return {
    status: answer.status,
    upstream: String(answer.headers["x-upstream"] ?? ""),
    body: answer.body.toString("utf8"),
  };
}
