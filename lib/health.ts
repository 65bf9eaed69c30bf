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

async function migrationNames(): Promise<string[]> {
  const entries = await readdir(path.join(process.cwd(), "prisma", "migrations"), {
    withFileTypes: true,
  });
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
}

/** Database reachable, migrations current, outbox backlog. */
export async function checkHealth(client: PrismaClient = db): Promise<Health> {
  try {
    const [applied, outbox] = await Promise.all([
      appliedMigrationNames(client),
      outboxBacklog(client),
    ]);
    const appliedNames = new Set(applied.map((row) => row.name));
    const pending = (await migrationNames()).filter((name) => !appliedNames.has(name));
    const row = outbox[0];
    return {
      status: pending.length ? "degraded" : "ok",
      database: "up",
      migrations: { applied: appliedNames.size, pending },
      outbox: {
        queued: Number(row?.queued ?? 0),
        failed: Number(row?.failed ?? 0),
        oldestQueuedSeconds: row?.oldest
          ? Math.round((Date.now() - row.oldest.getTime()) / 1000)
          : null,
      },
    };
  } catch {
    return { status: "down", database: "down" };
  }
}
