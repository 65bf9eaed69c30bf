import { afterEach, describe, expect, it, vi } from "vitest";
import { uuidv7 } from "@/lib/uuidv7";

const FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The 48-bit millisecond timestamp at the front of a UUIDv7. */
function timestampOf(id: string): number {
  return Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16);
}

/** The version and variant bits as RFC 9562 places them: octet 6's high nibble, octet 8's top two bits. */
function bitsOf(id: string): { version: number; variant: number } {
  const hex = id.replace(/-/g, "");
  return {
    version: Number.parseInt(hex.slice(12, 13), 16),
    variant: Number.parseInt(hex.slice(16, 17), 16) >> 2,
  };
}

function isAscending(ids: string[]): boolean {
  return ids.every((id, i) => i === 0 || ids[i - 1]! < id);
}

// The generator keeps its last timestamp for the whole file: the mocked clocks below stand in the
// future (2096), ahead of the real time the other tests use, and move forward from test to test.
afterEach(() => {
  vi.restoreAllMocks();
});

describe("uuidv7", () => {
  it("has the RFC 9562 layout: version 7, variant 10, the time in milliseconds in front", () => {
    const before = Date.now();
    const id = uuidv7();
    const after = Date.now();
    expect(id).toMatch(FORMAT);
    expect(bitsOf(id)).toEqual({ version: 7, variant: 0b10 });
    expect(timestampOf(id)).toBeGreaterThanOrEqual(before);
    expect(timestampOf(id)).toBeLessThanOrEqual(after + 1);
  });

  it("makes unique ids, every one well formed", () => {
    const ids = Array.from({ length: 20_000 }, () => uuidv7());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !FORMAT.test(id))).toEqual([]);
  });

  it("makes ids in ascending order within one millisecond", () => {
    vi.spyOn(Date, "now").mockReturnValue(4_000_000_000_000);
    const ids = Array.from({ length: 5_000 }, () => uuidv7());
    expect(isAscending(ids)).toBe(true);
    expect(new Set(ids.map(timestampOf))).toEqual(new Set([4_000_000_000_000]));
  });

  it("makes ids in ascending order across milliseconds, each with its own timestamp", () => {
    let now = 4_000_000_100_000;
    vi.spyOn(Date, "now").mockImplementation(() => now);
    const ids: string[] = [];
    for (let ms = 0; ms < 200; ms++) {
      now += 1;
      for (let i = 0; i < 5; i++) ids.push(uuidv7());
    }
    expect(isAscending(ids)).toBe(true);
    expect(timestampOf(ids[0]!)).toBe(4_000_000_100_001);
    expect(timestampOf(ids.at(-1)!)).toBe(4_000_000_100_200);
  });

  it("keeps ascending when the clock steps back", () => {
    let now = 4_000_000_200_000;
    vi.spyOn(Date, "now").mockImplementation(() => now);
    const first = uuidv7();
    now -= 5_000;
    const second = uuidv7();
    expect(second > first).toBe(true);
    expect(timestampOf(second)).toBe(timestampOf(first));
  });

  it("sorts as bytes the way it sorts as text (PostgreSQL compares uuid values as bytes)", () => {
    const ids = Array.from({ length: 1_000 }, () => uuidv7());
    const asBytes = [...ids].sort((a, b) =>
      Buffer.compare(
        Buffer.from(a.replace(/-/g, ""), "hex"),
        Buffer.from(b.replace(/-/g, ""), "hex"),
      ),
    );
    expect(asBytes).toEqual([...ids].sort());
    expect(isAscending(ids)).toBe(true);
  });
});
