import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { SERVER_HEAP_LIMIT_MB, serverNodeOptions } from "@/scripts/build";

/** The heap limit, in MB, of a node started with these NODE_OPTIONS. */
function heapLimitWith(nodeOptions: string): number {
  const script =
    "process.stdout.write(String(require('node:v8').getHeapStatistics().heap_size_limit / 2 ** 20))";
  return Number(
    execFileSync(process.execPath, ["-e", script], {
      env: { ...process.env, NODE_OPTIONS: nodeOptions },
    }).toString(),
  );
}

describe("a portal server's Node options", () => {
  it("adds the heap limit to what the operator set", () => {
    expect(serverNodeOptions(undefined)).toBe(`--max-old-space-size=${SERVER_HEAP_LIMIT_MB}`);
    expect(serverNodeOptions(" --enable-source-maps ")).toBe(
      `--enable-source-maps --max-old-space-size=${SERVER_HEAP_LIMIT_MB}`,
    );
  });

  it("keeps the operator's own heap limit", () => {
    expect(serverNodeOptions("--max-old-space-size=2048")).toBe("--max-old-space-size=2048");
    expect(serverNodeOptions("--max_old_space_size=300 --trace-gc")).toBe(
      "--max_old_space_size=300 --trace-gc",
    );
  });

  it("sets the limit V8 runs with (the old space's limit plus the young generation)", () => {
    const limit = heapLimitWith(serverNodeOptions(undefined));
    expect(limit).toBeGreaterThanOrEqual(SERVER_HEAP_LIMIT_MB);
    // The young generation is three semi-spaces whose size depends on the V8 version: 3 × 16 MB
    // on Node 20 (1072 MB), 3 × 64 MB on Node 24 (1216 MB). Without the flag the limit is Node's
    // default, 4144–4288 MB on these machines.
    expect(limit).toBeLessThanOrEqual(SERVER_HEAP_LIMIT_MB + 3 * 64);
  });
});
