import { randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/db/client";
import { expect } from "vitest";

/** Test data for the support console's integration tests (not a test file itself). */

export { actorOf, createUser } from "../support/factories";

export const unique = () => randomBytes(4).toString("hex");

export async function createAccount(
  options: {
    name?: string;
    domains?: string[];
    status?: "ACTIVE" | "INACTIVE";
    admins?: { userId: string; active?: boolean }[];
  } = {},
) {
  return db.account.create({
    data: {
      name: options.name ?? `Account ${unique()}`,
      status: options.status ?? "ACTIVE",
      domains: {
        create: (options.domains ?? [`d${unique()}.example`]).map((domain) => ({ domain })),
      },
      memberships: {
        create: (options.admins ?? []).map((admin) => ({
          userId: admin.userId,
          role: "ADMIN" as const,
          active: admin.active ?? true,
        })),
      },
    },
    include: { domains: true },
  });
}

/** An access request written directly (no audit, no email), for search and export tests. */
export async function createRequest(data: {
  requesterId: string;
  accountId: string;
  domain?: string;
  reason?: string;
  status?: "PENDING" | "APPROVED" | "DENIED" | "WITHDRAWN" | "EXPIRED";
  createdAt?: Date;
  escalatedAt?: Date | null;
}) {
  const createdAt = data.createdAt ?? new Date();
  return db.accessRequest.create({
    data: {
      requesterId: data.requesterId,
      accountId: data.accountId,
      domain: data.domain ?? "example.com",
      reason: data.reason ?? "I need to see our licences for the renewal.",
      status: data.status ?? "PENDING",
      createdAt,
      expiresAt: new Date(createdAt.getTime() + 30 * 24 * 3600_000),
      escalatedAt: data.escalatedAt ?? null,
    },
  });
}

/** The AppError a promise rejects with (the test fails if it resolves or throws something else). */
export async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "expected the call to be refused").toBeInstanceOf(AppError);
  return error as AppError;
}

export { parseCsv } from "./support-csv-reader";
