import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startPollingLoop } from "@/lib/jobs/polling-loop";

// On fake timers: the loop's schedule is what is tested, not how fast this machine runs it.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("polling loop", () => {
  it("runs the next pass at once while a pass reports more work, then pauses for the interval", async () => {
    const starts: number[] = [];
    const loop = startPollingLoop({
      pass: async () => {
        starts.push(Date.now());
        return starts.length < 3;
      },
      intervalMs: 200,
      failureMessage: "test pass failed",
    });
    await vi.advanceTimersByTimeAsync(700);
    await loop.stop();
    const gaps = starts.slice(1).map((start, i) => start - starts[i]!);
    // At once: a timer of 0 ms, which fires within the next millisecond.
    expect(gaps.slice(0, 2).every((gap) => gap <= 1)).toBe(true);
    expect(gaps.slice(2)).toEqual([200, 200, 200]);
  });

  it("survives a pass that throws and tries again after the retry pause", async () => {
    const starts: number[] = [];
    const loop = startPollingLoop({
      pass: async () => {
        starts.push(Date.now());
        if (starts.length === 1) throw new Error("database went away");
        return false;
      },
      intervalMs: 10_000,
      retryMs: 50,
      failureMessage: "test pass failed",
    });
    await vi.advanceTimersByTimeAsync(200);
    await loop.stop();
    expect(starts.map((start) => start - starts[0]!)).toEqual([0, 50]);
  });

  it("stop waits for the pass under way and no pass starts after it", async () => {
    let passes = 0;
    let finished = false;
    const loop = startPollingLoop({
      pass: async () => {
        passes += 1;
        await sleep(100);
        finished = true;
        return true;
      },
      intervalMs: 10,
      failureMessage: "test pass failed",
    });
    await vi.advanceTimersByTimeAsync(20);
    const stopped = loop.stop();
    await vi.advanceTimersByTimeAsync(100);
    await stopped;
    expect(finished).toBe(true);
    await vi.advanceTimersByTimeAsync(100);
    expect(passes).toBe(1);
  });
});
