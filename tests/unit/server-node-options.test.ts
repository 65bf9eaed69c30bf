import { describe, expect, it } from "vitest";
import { SERVER_HEAP_LIMIT_MB, serverNodeOptions } from "@/scripts/build";

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
});
