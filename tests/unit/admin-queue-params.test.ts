import { describe, expect, it } from "vitest";
import { likePattern } from "@/lib/db/like";
import { decodeCursor, encodeCursor } from "@/lib/pagination/keyset";
import { queueHref } from "@/lib/admin/queue-url";
import { bulkDecisionSchema, parseQueueFilters } from "@/lib/admin/schema";

describe("queue cursors", () => {
  it("round-trip a position, milliseconds included", () => {
    const position = { createdAt: new Date("2026-03-04T05:06:07.089Z"), id: "0197a-x" };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it("ignore anything that is not a cursor", () => {
    for (const bad of [
      undefined,
      "",
      "garbage",
      Buffer.from("[1,2]").toString("base64url"),
      Buffer.from('["not a date","id"]').toString("base64url"),
      Buffer.from('["2026-01-01T00:00:00Z",""]').toString("base64url"),
    ]) {
      expect(decodeCursor(bad), String(bad)).toBeNull();
    }
  });
});

describe("search patterns", () => {
  it("match what was typed literally, wildcards included", () => {
    expect(likePattern("ann")).toBe("%ann%");
    expect(likePattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
  });
});

describe("queue filters in the URL", () => {
  it("default to the pending queue, oldest first, 25 a page", () => {
    expect(parseQueueFilters({})).toEqual({
      scope: "mine",
      status: "PENDING",
      order: "oldest",
      size: 25,
    });
  });

  it("keep valid values, take the first of repeated ones, and drop malformed ones", () => {
    expect(
      parseQueueFilters({
        status: ["DENIED", "APPROVED"],
        size: "100",
        order: "newest",
        from: "2026-02-01",
        to: "2026-02-30x",
        q: "  ann  ",
        account: "",
      }),
    ).toEqual({
      scope: "mine",
      status: "DENIED",
      order: "newest",
      size: 100,
      from: "2026-02-01",
      q: "ann",
    });
    expect(
      parseQueueFilters({ size: "1000", scope: "everything", status: "pending" }),
    ).toMatchObject({ size: 25, scope: "mine", status: "PENDING" });
  });

  it("are written back without their defaults, and a change resets nothing else", () => {
    const filters = parseQueueFilters({ account: "acc-1", status: "ALL", q: "a b" });
    expect(queueHref(filters)).toBe("/admin/requests?account=acc-1&status=ALL&q=a+b");
    expect(queueHref(filters, { after: "CURSOR" })).toBe(
      "/admin/requests?account=acc-1&status=ALL&q=a+b&after=CURSOR",
    );
    expect(queueHref(parseQueueFilters({}))).toBe("/admin/requests");
  });
});

describe("bulk decisions", () => {
  it("take 1 to 100 requests, a role for approvals (USER on the entire account by default) and an optional reason for denials", () => {
    expect(bulkDecisionSchema.parse({ decision: "approve", requestIds: ["a"] })).toEqual({
      decision: "approve",
      requestIds: ["a"],
      role: "USER",
      scope: "account",
    });
    expect(bulkDecisionSchema.parse({ decision: "deny", requestIds: ["a"], reason: " " })).toEqual({
      decision: "deny",
      requestIds: ["a"],
      reason: null,
    });
    expect(
      bulkDecisionSchema.safeParse({
        decision: "approve",
        requestIds: Array.from({ length: 101 }, (_, i) => `r${i}`),
      }).success,
    ).toBe(false);
    expect(
      bulkDecisionSchema.safeParse({ decision: "approve", requestIds: ["a"], role: "OWNER" })
        .success,
    ).toBe(false);
    expect(bulkDecisionSchema.safeParse({ decision: "maybe", requestIds: ["a"] }).success).toBe(
      false,
    );
  });
});
