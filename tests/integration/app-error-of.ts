import { expect } from "vitest";
import { AppError } from "@/lib/errors";

/**
 * The code and details of the AppError a promise rejects with: the test fails if it resolves or
 * throws anything else (an unexpected error is a 500, not a refusal).
 */
export async function appErrorOf(
  promise: Promise<unknown>,
): Promise<{ code: AppError["code"]; details: Record<string, unknown> }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "expected the call to be refused").toBeInstanceOf(AppError);
  const { code, details } = error as AppError;
  return { code, details };
}
