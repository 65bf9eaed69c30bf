import { describe, expect, it } from "vitest";
import { requestIdFrom } from "@/lib/http/request-id";

const fresh = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("requestIdFrom", () => {
  it.each(["abc", "f47ac10b-58cc-4372-a567-0e02b2c3d479", "lb.01_x-y", "a".repeat(64)])(
    "keeps the short safe token %s",
    (id) => {
      expect(requestIdFrom(id)).toBe(id);
    },
  );

  it.each([
    ["too long", "a".repeat(65)],
    ["5,000 characters", "x".repeat(5000)],
    ["a newline (log injection)", "abc\ninjected log line"],
    ["a carriage return", "abc\r\nx-evil: 1"],
    ["spaces", "abc def"],
    ["markup", "<script>alert(1)</script>"],
    ["a quote", 'abc"def'],
    ["an equals sign", "Root=1-5759e988"],
    ["non-ASCII", "idé"],
    ["empty", ""],
  ])("replaces one with %s by a new id", (_name, id) => {
    const result = requestIdFrom(id);
    expect(result).not.toBe(id);
    expect(result).toMatch(fresh);
  });

  it("makes a new id when there is none, a different one each time", () => {
    expect(requestIdFrom(null)).toMatch(fresh);
    expect(requestIdFrom(undefined)).not.toBe(requestIdFrom(undefined));
  });
});
