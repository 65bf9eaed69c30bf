import { execFileSync } from "node:child_process";
import path from "node:path";
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

  it("gives back what a burst of work left on the heap once the process is quiet", () => {
    const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
    const output = execFileSync(tsx, [path.join("tests", "support", "idle-collection-child.ts")], {
      encoding: "utf8",
      timeout: 30_000,
    });
    const { before, afterWork, afterQuiet } = JSON.parse(output.trim().split("\n").at(-1)!) as {
      before: number;
      afterWork: number;
      afterQuiet: number;
    };
    // How much the work left depends on when V8 last collected during it: at least 10 MB.
    const left = afterWork - before;
    expect(left).toBeGreaterThan(10 * 2 ** 20);
    // Without the collector nothing is collected once the process is quiet (the heap stays at afterWork).
    expect(afterQuiet).toBeLessThan(before + left / 4);
  });
});
