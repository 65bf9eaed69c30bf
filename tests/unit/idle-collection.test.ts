import { describe, expect, it } from "vitest";
import { BUSY_SHARE, IDLE_SHARE, nextStep } from "@/lib/runtime/idle-collection";

describe("idle collection", () => {
  it("collects once on the first quiet sample after work, then waits for work again", () => {
    const busy = BUSY_SHARE + 0.05;
    const quiet = IDLE_SHARE / 2;
    expect(nextStep("collected", quiet)).toEqual({ state: "collected", collect: false });
    expect(nextStep("collected", busy)).toEqual({ state: "worked", collect: false });
    expect(nextStep("worked", busy)).toEqual({ state: "worked", collect: false });
    // Light use between the two thresholds is neither work nor quiet.
    expect(nextStep("worked", (BUSY_SHARE + IDLE_SHARE) / 2)).toEqual({
      state: "worked",
      collect: false,
    });
    expect(nextStep("worked", quiet)).toEqual({ state: "collected", collect: true });
    expect(nextStep("collected", quiet)).toEqual({ state: "collected", collect: false });
  });
});
