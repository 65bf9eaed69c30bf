import { describe, expect, it } from "vitest";
import { hasHealthToken, publicHealth, type Health } from "@/lib/health";

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
