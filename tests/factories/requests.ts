import type { AccessRequestStatus } from "@/lib/generated/prisma/enums";
import { appDatabase, type FactoryClient } from "./client";
import { createUser } from "./users";

const DAY_MS = 24 * 3600_000;

export interface NewRequest {
  accountId: string;
  /** A new user with a complete profile unless given. */
  requesterId?: string;
  domain?: string;
  reason?: string;
  status?: AccessRequestStatus;
  /** How old the request is (1 day unless `createdAt` is given). */
  daysAgo?: number;
  createdAt?: Date;
  /** 30 days after it was created unless given. */
  expiresAt?: Date;
  escalatedAt?: Date | null;
  /** Who decided it (decided now, unless `decidedAt` says when), if anyone. */
  decidedById?: string;
  /** When it was decided, withdrawn or expired (for a request of such a status). */
  decidedAt?: Date;
  /** Reminders its requester sent. */
  reminderCount?: number;
}

/**
 * An access request written straight to the database, as if submitted: no audit event, no email
 * (tests of a read, a decision or the sweep; a test of submitting calls submitRequest).
 */
export async function createRequest(data: NewRequest, client: FactoryClient = appDatabase) {
  const requesterId = data.requesterId ?? (await createUser({}, client)).id;
  const createdAt = data.createdAt ?? new Date(Date.now() - (data.daysAgo ?? 1) * DAY_MS);
  return client.accessRequest.create({
    data: {
      requesterId,
      accountId: data.accountId,
      domain: data.domain ?? "example.com",
      reason: data.reason ?? "I need access to manage our licences.",
      status: data.status ?? "PENDING",
      createdAt,
      expiresAt: data.expiresAt ?? new Date(createdAt.getTime() + 30 * DAY_MS),
      escalatedAt: data.escalatedAt ?? null,
      decidedById: data.decidedById ?? null,
      decidedAt: data.decidedAt ?? (data.decidedById ? new Date() : null),
      reminderCount: data.reminderCount ?? 0,
    },
  });
}

/** One pending request of each requester for the account, in one statement; their ids in order. */
export async function createPendingRequests(
  account: { id: string; domains: { domain: string }[] },
  requesterIds: string[],
  client: FactoryClient = appDatabase,
): Promise<string[]> {
  const ids = requesterIds.map(() => crypto.randomUUID());
  await client.accessRequest.createMany({
    data: requesterIds.map((requesterId, i) => ({
      id: ids[i]!,
      requesterId,
      accountId: account.id,
      domain: account.domains[0]!.domain,
      reason: "I need access to manage our licences.",
      expiresAt: new Date(Date.now() + 30 * DAY_MS),
    })),
  });
  return ids;
}
