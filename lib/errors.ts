/**
 * Expected failures, each with a code the UI translates (catalog `errors.codes.<code>`) and an HTTP
 * status for route handlers. Anything else is a bug: logged with the request id, shown generically.
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
