/**
 * The portal's one error convention (docs/architecture.md, "Errors"):
 * - an expected refusal — something a person can cause — is an AppError with one of these codes,
 *   which the UI translates (catalog `errors.codes.<code>`) and route handlers answer with its
 *   HTTP status; its details are safe to show;
 * - a read of one thing for a page answers null when the viewer may see nothing there, and the
 *   page calls notFound();
 * - the doors (runAction, apiRoute, the page guards) turn refusals into a typed result, a problem
 *   or a redirect;
 * - anything else thrown is a bug: a plain Error, logged with the request id, shown generically.
 */
export const appErrorStatus = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 400,
  CONFLICT: 409,
  RATE_LIMITED: 429,
} as const;

export type AppErrorCode = keyof typeof appErrorStatus;

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string = code,
    /** Safe, user-facing details (field errors, retry delay, …). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return appErrorStatus[this.code];
  }
}
