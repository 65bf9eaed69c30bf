import { randomBytes } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type {
  AccessRequestStatus,
  Locale,
  MembershipRole,
  PlatformRole,
} from "@/lib/generated/prisma/enums";

/** Test data for the administrators' dashboard, written straight to the database. */

const unique = () => randomBytes(5).toString("hex");
const DAY_MS = 24 * 3600_000;

export async function makeUser(
  data: {
    firstName?: string;
    lastName?: string;
    locale?: Locale;
    platformRole?: PlatformRole;
    email?: string;
  } = {},
): Promise<Actor> {
  return db.user.create({
    data: {
      email: data.email ?? `user-${unique()}@example.com`,
      firstName: data.firstName ?? "Test",
      lastName: data.lastName ?? "User",
      company: "Testing Inc.",
      jobTitle: "Tester",
      country: "US",
      phone: "+1 555 0100",
      locale: data.locale ?? "en",
      platformRole: data.platformRole ?? "NONE",
    },
    select: { id: true, email: true, platformRole: true, locale: true },
  });
}

export async function makeAccount(name = `Account ${unique()}`, domain = `${unique()}.example`) {
  return db.account.create({
    data: { name, domains: { create: { domain } } },
    select: { id: true, name: true },
  });
}

export async function addMember(
  userId: string,
  accountId: string,
  role: MembershipRole = "ADMIN",
  active = true,
) {
  await db.membership.create({ data: { userId, accountId, role, active } });
}

export async function makeAdmin(
  accountIds: string[],
  data: Parameters<typeof makeUser>[0] = {},
): Promise<Actor> {
  const admin = await makeUser(data);
  for (const accountId of accountIds) await addMember(admin.id, accountId);
  return admin;
}

export async function makeRequest(data: {
  accountId: string;
  requesterId?: string;
  daysAgo?: number;
  createdAt?: Date;
  expiresAt?: Date;
  status?: AccessRequestStatus;
  escalatedAt?: Date | null;
  decidedById?: string;
}) {
  const requesterId = data.requesterId ?? (await makeUser()).id;
  const createdAt = data.createdAt ?? new Date(Date.now() - (data.daysAgo ?? 1) * DAY_MS);
  return db.accessRequest.create({
    data: {
      requesterId,
      accountId: data.accountId,
      domain: "example.com",
      reason: "I need access to manage our licences.",
      status: data.status ?? "PENDING",
      createdAt,
      expiresAt: data.expiresAt ?? new Date(createdAt.getTime() + 30 * DAY_MS),
      escalatedAt: data.escalatedAt ?? null,
      decidedById: data.decidedById ?? null,
      decidedAt: data.decidedById ? new Date() : null,
    },
    select: { id: true, requesterId: true, accountId: true, createdAt: true },
  });
}

/** The AppError code a promise rejects with (fails the test if it resolves). */
export async function rejectionCode(
  promise: Promise<unknown>,
): Promise<{ code: string; details: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    const { code, details } = error as { code: string; details: Record<string, unknown> };
    return { code, details };
  }
  throw new Error("expected a rejection");
}
