import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseQueueFilters } from "@/lib/admin/schema";
import { isCalendarDate } from "@/lib/calendar-date";
import { likePattern } from "@/lib/db/like";
import {
  cursorKey,
  decodeCursor,
  encodeCursor,
  KeysetRead,
  keysetPage,
  pageDirection,
  type KeysetPosition,
  type PageDirection,
} from "@/lib/pagination/keyset";
import { keysetOrderBy, keysetSeek } from "@/lib/db/sql/keyset";
import { parseRequestSearch } from "@/lib/support/search-params";

const key = cursorKey("a-test-secret-of-at-least-thirty-two-characters");
const position: KeysetPosition = {
  createdAt: new Date("2026-03-04T05:06:07.089Z"),
  id: "0197a0c2-7f3e-7c1d-9a4b-2f6e8d1c3b5a",
};
const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** A cursor laid out as the module lays them out (version · ms · id · tag), signed with `key`. */
function craft(version: number, ms: bigint, id: string): string {
  const body = Buffer.concat([Buffer.alloc(9), Buffer.from(id)]);
  body.writeUInt8(version, 0);
  body.writeBigInt64BE(ms, 1);
  return Buffer.concat([
    body,
    createHmac("sha256", key).update(body).digest().subarray(0, 16),
  ]).toString("base64url");
}

describe("keyset cursors", () => {
  it("round-trip a position, milliseconds and any id included, with the app's key or another", () => {
    expect(decodeCursor(encodeCursor(position, key), key)).toEqual(position);
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
    const unusual = { createdAt: new Date(0), id: "ünïcødé id with spaces" };
    expect(decodeCursor(encodeCursor(unusual, key), key)).toEqual(unusual);
    expect(encodeCursor(position, key)).toMatch(/^[\w-]+$/);
  });

  it("refuse a cursor with any one character changed", () => {
    const cursor = encodeCursor(position, key);
    for (let index = 0; index < cursor.length; index += 1) {
      for (const replacement of [
        BASE64URL[(BASE64URL.indexOf(cursor[index]!) + 1) % 64]!,
        BASE64URL[(BASE64URL.indexOf(cursor[index]!) + 32) % 64]!,
      ]) {
        const tampered = cursor.slice(0, index) + replacement + cursor.slice(index + 1);
        expect(decodeCursor(tampered, key), `character ${index} → ${replacement}`).toBeNull();
      }
    }
  });

  it("refuse a cursor signed with another key, truncated, or lengthened", () => {
    const cursor = encodeCursor(position, key);
    expect(
      decodeCursor(cursor, cursorKey("another-secret-of-at-least-thirty-two-characters")),
    ).toBeNull();
    expect(decodeCursor(cursor)).toBeNull();
    for (let length = 0; length < cursor.length; length += 1)
      expect(decodeCursor(cursor.slice(0, length), key), `first ${length}`).toBeNull();
    for (const suffix of ["A", "=", "==", "AAAA"])
      expect(decodeCursor(cursor + suffix, key), suffix).toBeNull();
  });

  it("refuse another version, even correctly signed, and the unsigned cursors of earlier releases", () => {
    expect(decodeCursor(craft(1, BigInt(position.createdAt.getTime()), position.id), key)).toEqual(
      position,
    );
    for (const version of [0, 2, 255])
      expect(
        decodeCursor(craft(version, BigInt(position.createdAt.getTime()), position.id), key),
        `v${version}`,
      ).toBeNull();
    const iso = position.createdAt.toISOString();
    expect(
      decodeCursor(Buffer.from(JSON.stringify([iso, position.id])).toString("base64url"), key),
    ).toBeNull();
    expect(
      decodeCursor(Buffer.from(`${iso} ${position.id}`).toString("base64url"), key),
    ).toBeNull();
  });

  it("read garbage, huge input and impossible dates as no cursor, without throwing", () => {
    const garbage: unknown[] = [
      undefined,
      null,
      "",
      "garbage",
      "!!!!",
      "a b",
      "🙂",
      42,
      {},
      ["x"],
      "A".repeat(200),
      "A".repeat(201),
      "x".repeat(5_000_000),
    ];
    for (const value of garbage)
      expect(decodeCursor(value, key), String(value).slice(0, 20)).toBeNull();
    // Signed, but no Date can hold it.
    expect(decodeCursor(craft(1, 9_000_000_000_000_000_000n, "id"), key)).toBeNull();
    expect(decodeCursor(craft(1, 0n, ""), key)).toBeNull();
  });

  it("pick the page from a URL: `after` over `before`, the first of repeated values, nothing from a bad cursor", () => {
    const older = { createdAt: new Date("2026-01-02T00:00:00.000Z"), id: "b" };
    const newer = { createdAt: new Date("2026-01-03T00:00:00.000Z"), id: "c" };
    expect(
      pageDirection({
        after: [encodeCursor(older), encodeCursor(newer)],
        before: encodeCursor(newer),
      }),
    ).toEqual({ after: older });
    expect(pageDirection({ after: "tampered", before: encodeCursor(newer) })).toEqual({
      before: newer,
    });
    expect(pageDirection({ after: encodeCursor(older).slice(1) })).toBeNull();
    expect(pageDirection({})).toBeNull();
  });
});

describe("a page of N + 1 rows", () => {
  const at = (minute: number, id = `r${minute}`) => ({
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, minute)),
    id,
    extra: "kept",
  });
  const spot = (row: { createdAt: Date; id: string }) => ({ createdAt: row.createdAt, id: row.id });
  const ids = (rows: { id: string }[]) => rows.map((row) => row.id);

  it("forwards: the extra row means a next page; a cursor means a previous one", () => {
    const first = keysetPage([at(1), at(2), at(3)], null, 2);
    expect(ids(first.rows)).toEqual(["r1", "r2"]);
    expect(first.rows[0]).toHaveProperty("extra", "kept");
    expect(first).toMatchObject({ next: spot(at(2)), previous: null });
    expect(first.next).not.toHaveProperty("extra");

    const middle = keysetPage([at(3), at(4), at(5)], { after: spot(at(2)) }, 2);
    expect(middle).toMatchObject({
      rows: [at(3), at(4)],
      next: spot(at(4)),
      previous: spot(at(3)),
    });
    const last = keysetPage([at(5)], { after: spot(at(4)) }, 2);
    expect(last).toMatchObject({ rows: [at(5)], next: null, previous: spot(at(5)) });
  });

  it("backwards: rows come newest first and are put back in display order; the extra row means a previous page", () => {
    const direction: PageDirection = { before: spot(at(5)) };
    const page = keysetPage([at(4), at(3), at(2)], direction, 2);
    expect(ids(page.rows)).toEqual(["r3", "r4"]);
    expect(page).toMatchObject({ next: spot(at(4)), previous: spot(at(3)) });
    const top = keysetPage([at(2), at(1)], { before: spot(at(3)) }, 2);
    expect(top).toMatchObject({ rows: [at(1), at(2)], next: spot(at(2)), previous: null });
  });

  it("from an empty page reached by a stale cursor, the way back is that cursor", () => {
    const cursor = spot(at(9));
    expect(keysetPage([], { after: cursor }, 2)).toEqual({
      rows: [],
      next: null,
      previous: cursor,
    });
    expect(keysetPage([], { before: cursor }, 2)).toEqual({
      rows: [],
      next: cursor,
      previous: null,
    });
    expect(keysetPage([], null, 2)).toEqual({ rows: [], next: null, previous: null });
  });
});

describe("the keyset's SQL", () => {
  const text = (sql: { sql: string } | null) => sql?.sql.replace(/\s+/g, " ");

  it("seeks past the cursor in reading order: display order, reversed before a cursor", () => {
    const newestFirst = new KeysetRead({ after: position }, "desc");
    expect(text(keysetSeek(newestFirst, "r"))).toBe('(r."createdAt", r."id") < (?, ?)');
    expect(keysetSeek(newestFirst, "r")?.values).toEqual([position.createdAt, position.id]);
    expect(text(keysetOrderBy(newestFirst, "q"))).toBe('ORDER BY q."createdAt" DESC, q."id" DESC');
    expect(text(keysetSeek(new KeysetRead({ before: position }, "desc"), "r"))).toBe(
      '(r."createdAt", r."id") > (?, ?)',
    );
    expect(text(keysetOrderBy(new KeysetRead({ before: position }, "asc"), "r"))).toBe(
      'ORDER BY r."createdAt" DESC, r."id" DESC',
    );
    expect(keysetSeek(new KeysetRead(null, "asc"), "r")).toBeNull();
    expect(new KeysetRead({ before: position }, "desc").prismaWhere()).toEqual({
      OR: [
        { createdAt: { gt: position.createdAt } },
        { createdAt: position.createdAt, id: { gt: position.id } },
      ],
    });
    expect(() => keysetOrderBy(new KeysetRead(null, "asc"), 'r"; DROP TABLE x; --')).toThrow();
  });
});

describe("search filters", () => {
  it("take real calendar days only, in the admin queue as in the support search", () => {
    for (const day of ["2026-01-31", "2024-02-29", "0001-01-01"])
      expect(isCalendarDate(day), day).toBe(true);
    for (const day of [
      "2026-02-29",
      "2026-02-30",
      "2026-04-31",
      "2026-13-01",
      "2026-1-1",
      "2026-01-01T00:00",
      "yesterday",
    ])
      expect(isCalendarDate(day), day).toBe(false);
    expect(parseQueueFilters({ from: "2026-02-30", to: " 2026-03-02 " })).toMatchObject({
      from: undefined,
      to: "2026-03-02",
    });
    expect(parseRequestSearch({ from: "2026-02-30" })).toEqual({
      ok: false,
      fieldErrors: { from: "date" },
    });
  });

  it("match typed text as a prefix too, wildcards literally", () => {
    expect(likePattern("a_b%", "prefix")).toBe("a\\_b\\%%");
  });
});
