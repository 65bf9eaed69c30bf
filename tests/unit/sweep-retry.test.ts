import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log";
import { startMembershipSweeper } from "@/lib/memberships/sweep";
import { startRequestSweeper } from "@/lib/requests/sweep";

// On fake timers: the sweeps' schedule after a failure is what is tested.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A database that has gone away: every call fails, and each is counted. */
function unreachableDatabase() {
  const calls: number[] = [];
  const fail = () => {
    calls.push(Date.now());
    return Promise.reject(new Error("database went away"));
  };
  const db = new Proxy({}, { get: () => fail }) as unknown as PrismaClient;
  return { db, calls };
}

describe("the sweeps when the database is gone", () => {
  it.each([
    ["request sweep", startRequestSweeper],
    ["membership sweep", startMembershipSweeper],
  ])("the %s tries again no sooner than 5 s, however short its interval", async (_name, start) => {
    const { db, calls } = unreachableDatabase();
    const warned = vi.spyOn(logger, "warn").mockImplementation(() => undefined);
    const started = Date.now();
    const loop = start({ db, intervalMs: 100 });
    await vi.advanceTimersByTimeAsync(12_000);
    await loop.stop();
    // A pass at once, then one every 5 s: not one every 100 ms.
    const passes = [...new Set(calls.map((at) => at - started))];
    expect(passes).toEqual([0, 5_000, 10_000]);
    // Each failed pass said so.
    expect(warned).toHaveBeenCalledTimes(3);
    warned.mockRestore();
  });
});
