import { createHash, timingSafeEqual } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db/client";
import { appliedMigrationNames, outboxBacklog } from "@/lib/db/sql/health";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export interface Health {
  status: "ok" | "degraded" | "down";
  database: "up" | "down";
  migrations?: { applied: number; pending: string[] };
  outbox?: { queued: number; failed: number; oldestQueuedSeconds: number | null };
}

/** What anyone may read: enough for a load balancer, nothing about the inside. */
export type PublicHealth = Pick<Health, "status">;

export function publicHealth(health: Health): PublicHealth {
  return { status: health.status };
}

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Whether an `Authorization` header carries the configured HEALTH_TOKEN as a bearer token (the
 * monitoring's way to the details). Compared in constant time, on digests of equal length.
 */
export function hasHealthToken(authorization: string | null, token: string | undefined): boolean {
  const presented = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return Boolean(token && presented && timingSafeEqual(digest(presented), digest(token)));
}

/** How long the outbox's backlog, once read, answers every details request of this process. */
export const BACKLOG_CACHE_MS = 5_000;

/**
 * `load`, called at most once every `ms`: later calls within that time get the same answer. A
 * failed load is not kept (the next call tries again).
 */
export function cachedFor<T>(ms: number, load: () => Promise<T>): () => Promise<T> {
  let kept: { until: number; value: Promise<T> } | undefined;
  return () => {
    if (kept && Date.now() < kept.until) return kept.value;
    const value = load();
    const entry = { until: Date.now() + ms, value };
    kept = entry;
    value.catch(() => {
      if (kept === entry) kept = undefined;
    });
    return value;
  };
}

// The migrations this build ships: files of the build, read once.
let shipped: Promise<string[]> | undefined;

function shippedMigrations(): Promise<string[]> {
  shipped ??= readdir(path.join(process.cwd(), "prisma", "migrations"), {
    withFileTypes: true,
  }).then(
    (entries) => entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name),
    (error: unknown) => {
      shipped = undefined;
      throw error;
    },
  );
  return shipped;
}

/**
 * Database reachable and migrations current: the public answer, so one cheap statement (the
 * migrations table, a few dozen rows) and nothing else; anyone may ask, often.
 */
export async function checkHealth(client: PrismaClient = db): Promise<Health> {
  try {
    const applied = new Set((await appliedMigrationNames(client)).map((row) => row.name));
    const pending = (await shippedMigrations()).filter((name) => !applied.has(name));
    return {
      status: pending.length ? "degraded" : "ok",
      database: "up",
      migrations: { applied: applied.size, pending },
    };
  } catch {
    return { status: "down", database: "down" };
  }
}

async function readBacklog(client: PrismaClient): Promise<NonNullable<Health["outbox"]>> {
  const row = (await outboxBacklog(client))[0];
  return {
    queued: Number(row?.queued ?? 0),
    failed: Number(row?.failed ?? 0),
    oldestQueuedSeconds: row?.oldest
      ? Math.round((Date.now() - row.oldest.getTime()) / 1000)
      : null,
  };
}

const backlogs = new WeakMap<PrismaClient, () => Promise<NonNullable<Health["outbox"]>>>();

/**
 * The details (HEALTH_TOKEN or support staff): `health` with the outbox's backlog, read from its
 * partial indexes and kept BACKLOG_CACHE_MS, so that a monitor polling every second costs one read
 * every few seconds. Without the database, `health` as it is.
 */
export async function withOutboxBacklog(
  health: Health,
  client: PrismaClient = db,
): Promise<Health> {
  if (health.database !== "up") return health;
  let backlog = backlogs.get(client);
  if (!backlog) {
    backlog = cachedFor(BACKLOG_CACHE_MS, () => readBacklog(client));
    backlogs.set(client, backlog);
  }
  try {
    return { ...health, outbox: await backlog() };
  } catch {
    return { status: "down", database: "down" };
  }
}
