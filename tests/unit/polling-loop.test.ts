import { describe, expect, it } from "vitest";
import { startPollingLoop } from "@/lib/polling-loop";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("polling loop", () => {
  it("runs the next pass at once while a pass reports more work, then pauses for the interval", async () => {
    const starts: number[] = [];
    const loop = startPollingLoop({
      pass: async () => {
        starts.push(performance.now());
        return starts.length < 3;
      },
      intervalMs: 200,
      failureMessage: "test pass failed",
    });
    await sleep(700);
    await loop.stop();
    expect(starts.length).toBeGreaterThanOrEqual(4);
    expect(starts[1]! - starts[0]!).toBeLessThan(100);
    expect(starts[2]! - starts[1]!).toBeLessThan(100);
    expect(starts[3]! - starts[2]!).toBeGreaterThanOrEqual(190);
  });

  it("survives a pass that throws and tries again after the retry pause", async () => {
    let passes = 0;
    const loop = startPollingLoop({
      pass: async () => {
        passes += 1;
        if (passes === 1) throw new Error("database went away");
        return false;
      },
      intervalMs: 10_000,
      retryMs: 50,
      failureMessage: "test pass failed",
    });
    await sleep(200);
    await loop.stop();
    expect(passes).toBe(2);
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
    await sleep(20);
    await loop.stop();
    expect(finished).toBe(true);
    await sleep(100);
    expect(passes).toBe(1);
  });
});
