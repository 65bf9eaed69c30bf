import { headers } from "next/headers";
import type { ZodType } from "zod";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/current-user";
import { AppError, type AppErrorCode } from "@/lib/errors";
import { logger } from "@/lib/log";
import type { Mutation } from "./mutation";

/** What a server action returns to its form: never an exception, never an internal message. */
export type ActionResult<Output> =
  | { ok: true; data: Output }
  | {
      ok: false;
      code: AppErrorCode | "INTERNAL";
      details: Record<string, unknown>;
      requestId?: string;
    };

/**
 * Runs `work` as the signed-in user (read fresh from the database), turning expected failures into
 * their code and anything else into INTERNAL plus a log line carrying the request id.
 */
export async function runAsSignedInUser<Output>(
  name: string,
  work: (user: CurrentUser) => Promise<Output>,
): Promise<ActionResult<Output>> {
  try {
    const user = await getCurrentUser();
    if (!user) return { ok: false, code: "UNAUTHENTICATED", details: {} };
    return { ok: true, data: await work(user) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code, details: error.details };
    // Read only when something went wrong: the lookup and every action pass here.
    const requestId = (await headers()).get("x-request-id") ?? undefined;
    logger.error({ err: error, requestId, action: name }, "action failed");
    return { ok: false, code: "INTERNAL", details: {}, requestId };
  }
}

/** Runs a mutation as the signed-in user. */
export function runAction<Output>(
  mutation: Mutation<ZodType, Output>,
  input: unknown,
): Promise<ActionResult<Output>> {
  return runAsSignedInUser(mutation.name, (user) => mutation.execute(user, input));
}
