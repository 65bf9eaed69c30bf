import { STATUS_CODES } from "node:http";
import { AppError, appErrorStatus, type AppErrorCode } from "@/lib/errors";

/** The media type of every error of /api/v1 (RFC 9457). */
export const PROBLEM_TYPE = "application/problem+json";

/** The UI's codes, and two only the API has: a body over its limit, and a failure of ours. */
export type ProblemCode = AppErrorCode | "PAYLOAD_TOO_LARGE" | "INTERNAL";

export interface Problem {
  /** "about:blank": the status says what kind of problem it is, `code` says which (the UI's codes). */
  type: "about:blank";
  title: string;
  status: number;
  code: ProblemCode;
  detail: string;
  [extension: string]: unknown;
}

const status = (code: ProblemCode) =>
  code === "INTERNAL" ? 500 : code === "PAYLOAD_TOO_LARGE" ? 413 : appErrorStatus[code];

/** An RFC 9457 problem response; 401 says how to authenticate, 429 when to come back. */
export function problemResponse(
  code: ProblemCode,
  detail: string,
  extensions: Record<string, unknown> = {},
  headers: HeadersInit = {},
): Response {
  const problem: Problem = {
    type: "about:blank",
    title: STATUS_CODES[status(code)] ?? "Error",
    status: status(code),
    code,
    detail,
    ...extensions,
  };
  const response = Response.json(problem, {
    status: problem.status,
    headers: { "content-type": PROBLEM_TYPE, "cache-control": "no-store", ...headers },
  });
  if (code === "UNAUTHENTICATED") response.headers.set("www-authenticate", 'Bearer realm="api"');
  return response;
}

/**
 * An expected failure of a use case as a problem: the same code as the UI gets, its safe details
 * as extension members (a field's error codes under `errors`; who decided a request, and when).
 */
export function problemFromAppError(error: AppError): Response {
  const {
    fieldErrors,
    seconds,
    limit,
    status: requestStatus,
    ...rest
  } = error.details as Record<string, unknown>;
  if (error.code === "RATE_LIMITED") {
    const wait = Math.max(1, Number(seconds) || 60);
    // The limit as the IETF RateLimit header fields draft spells it (RateLimit-*), as documented.
    const quota: Record<string, string> =
      typeof limit === "number"
        ? {
            "ratelimit-limit": String(limit),
            "ratelimit-remaining": "0",
            "ratelimit-reset": String(wait),
          }
        : {};
    return problemResponse(
      "RATE_LIMITED",
      `Too many requests: try again in ${wait} s.`,
      { retryAfterSeconds: wait },
      { "retry-after": String(wait), ...quota },
    );
  }
  const extensions: Record<string, unknown> = { ...rest };
  if (fieldErrors) extensions.errors = fieldErrors;
  // `status` is the HTTP status in a problem: the request's own status gets its own name.
  if (requestStatus !== undefined) extensions.requestStatus = requestStatus;
  return problemResponse(error.code, describe(error, extensions), extensions);
}

function describe(error: AppError, extensions: Record<string, unknown>): string {
  if (error.code === "CONFLICT" && extensions.requestStatus) {
    const by = extensions.decidedBy ? ` by ${String(extensions.decidedBy)}` : "";
    const at = extensions.decidedAt ? ` at ${String(extensions.decidedAt)}` : "";
    return `The request is already ${String(extensions.requestStatus).toLowerCase()}${by}${at}.`;
  }
  const form = (extensions.errors as Record<string, string> | undefined)?._form;
  if (form) return `${error.message}: ${form}.`;
  return `${error.message}.`;
}
