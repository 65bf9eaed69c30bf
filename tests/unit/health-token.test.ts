import { afterEach, describe, expect, it, vi } from "vitest";
import {
  BACKLOG_CACHE_MS,
  cachedFor,
  hasHealthToken,
  publicHealth,
  type Health,
} from "@/lib/health";

const token = "h".repeat(40);

describe("health details", () => {
  it("are for the configured bearer token only", () => {
    expect(hasHealthToken(`Bearer ${token}`, token)).toBe(true);
    expect(hasHealthToken(`bearer ${token}`, token)).toBe(true);
    expect(hasHealthToken(`Bearer ${token}x`, token)).toBe(false);
    expect(hasHealthToken(`Bearer ${token.slice(1)}`, token)).toBe(false);
    expect(hasHealthToken(token, token)).toBe(false);
    expect(hasHealthToken(null, token)).toBe(false);
    // No token configured: no header opens the details.
    expect(hasHealthToken("Bearer ", undefined)).toBe(false);
    expect(hasHealthToken("Bearer undefined", undefined)).toBe(false);
  });

  it("leave the public answer with the status alone", () => {
    const health: Health = {
      status: "ok",
      database: "up",
      migrations: { applied: 4, pending: [] },
      outbox: { queued: 3, failed: 1, oldestQueuedSeconds: 9 },
    };
    expect(publicHealth(health)).toEqual({ status: "ok" });
  });
});

describe("the outbox backlog of the details", () => {
  afterEach(() => vi.useRealTimers());

  it("is read at most once every few seconds, and a failed read is not kept", async () => {
    vi.useFakeTimers();
    let reads = 0;
    let fail = false;
    const backlog = cachedFor(BACKLOG_CACHE_MS, async () => {
      reads += 1;
      if (fail) throw new Error("database away");
      return reads;
    });
    expect(await backlog()).toBe(1);
    vi.advanceTimersByTime(BACKLOG_CACHE_MS - 1);
    expect(await backlog()).toBe(1);
    vi.advanceTimersByTime(1);
    expect(await backlog()).toBe(2);

    vi.advanceTimersByTime(BACKLOG_CACHE_MS);
    fail = true;
    await expect(backlog()).rejects.toThrow("database away");
    fail = false;
    expect(await backlog()).toBe(4);
    expect(BACKLOG_CACHE_MS).toBeLessThanOrEqual(10_000);
  });
});
