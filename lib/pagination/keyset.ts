import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

/**
 * Keyset pagination over lists ordered by (createdAt, id): the admin queue, the support search,
 * support cases, and the API after them. Pure functions: pages and route handlers read the cursor
 * from their own parameters; KeysetRead gives Prisma its seek and order, and the raw statements
 * take theirs from lib/db/sql/keyset.ts.
 */

/** A row's place in the (createdAt, id) order; the id breaks ties between equal timestamps. */
export interface KeysetPosition {
  createdAt: Date;
  id: string;
}

/** Which page to read: the one after a position, the one before it, or the first. */
export type PageDirection = { after: KeysetPosition } | { before: KeysetPosition } | null;

/** One page, and the positions of its neighbours in display order (null at either end). */
export interface KeysetPage<Row> {
  rows: Row[];
  next: KeysetPosition | null;
  previous: KeysetPosition | null;
}

// A cursor is base64url of: version (1 byte) · createdAt in ms (int64) · id (UTF-8) · tag. The tag,
// an HMAC of what precedes it, makes cursors opaque and unforgeable: a client can only hand back
// positions the server gave it. A new layout takes a new version; older cursors then read as none.
const VERSION = 1;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + 8;
/** Longer than any cursor this module makes for an id of up to a hundred characters. */
const MAX_CURSOR_LENGTH = 200;

export type CursorKey = Buffer;

/** The signing key, derived from a secret so that cursors share nothing with session tokens. */
export function cursorKey(secret: string): CursorKey {
  return Buffer.from(hkdfSync("sha256", secret, "", "keyset cursor", 32));
}

let derived: { secret: string; key: CursorKey } | undefined;
function appKey(): CursorKey {
  const secret = env().NEXTAUTH_SECRET;
  if (derived?.secret !== secret) derived = { secret, key: cursorKey(secret) };
  return derived.key;
}

const tagOf = (body: Buffer, key: CursorKey) =>
  createHmac("sha256", key).update(body).digest().subarray(0, TAG_BYTES);

export function encodeCursor(position: KeysetPosition, key: CursorKey = appKey()): string {
  const body = Buffer.concat([Buffer.alloc(HEADER_BYTES), Buffer.from(position.id, "utf8")]);
  body.writeUInt8(VERSION, 0);
  body.writeBigInt64BE(BigInt(position.createdAt.getTime()), 1);
  return Buffer.concat([body, tagOf(body, key)]).toString("base64url");
}

/**
 * The position in a cursor this app made, or null for anything else (absent, garbage, truncated,
 * edited, another version, another key). Never throws: links get edited by hand, and a page then
 * starts at the top while an API answers 400.
 */
export function decodeCursor(value: unknown, key: CursorKey = appKey()): KeysetPosition | null {
  if (typeof value !== "string" || value.length > MAX_CURSOR_LENGTH || !/^[\w-]+$/.test(value))
    return null;
  const bytes = Buffer.from(value, "base64url");
  // Base64 ignores the spare bits of its last character: only the one spelling of the bytes counts.
  if (bytes.toString("base64url") !== value || bytes.length <= HEADER_BYTES + TAG_BYTES)
    return null;
  if (bytes.readUInt8(0) !== VERSION) return null;
  const body = bytes.subarray(0, bytes.length - TAG_BYTES);
  if (!timingSafeEqual(bytes.subarray(body.length), tagOf(body, key))) return null;
  const createdAt = new Date(Number(body.readBigInt64BE(1)));
  if (Number.isNaN(createdAt.getTime())) return null;
  return { createdAt, id: body.subarray(HEADER_BYTES).toString("utf8") };
}

type Param = string | string[] | undefined;
const firstOf = (value: Param) => (Array.isArray(value) ? value[0] : value);

/** The page a URL asks for; `after` wins over `before` if a hand-made URL has both. */
export function pageDirection(params: { after?: Param; before?: Param }): PageDirection {
  const after = decodeCursor(firstOf(params.after));
  if (after) return { after };
  const before = decodeCursor(firstOf(params.before));
  return before ? { before } : null;
}

/** True when the page is read backwards from its `before` cursor (then reversed for display). */
export const readsBackward = (direction: PageDirection): direction is { before: KeysetPosition } =>
  Boolean(direction && "before" in direction);

/** The position a cursor points at, if any. */
export const cursorPosition = (direction: PageDirection): KeysetPosition | null =>
  direction ? ("after" in direction ? direction.after : direction.before) : null;

/** How many rows to fetch for a page: one more than it shows tells whether there is another. */
export const rowsToFetch = (pageSize: number) => pageSize + 1;

export const positionOf = (row: KeysetPosition): KeysetPosition => ({
  createdAt: row.createdAt,
  id: row.id,
});

/**
 * One page from the rows read for it (up to `rowsToFetch(pageSize)`, in reading order), with its
 * neighbours. The extra row says whether the list goes on in the reading direction; the other way,
 * the cursor itself proves there is something (the page it came from). From an empty page reached
 * by a stale cursor, the way back is that cursor.
 */
export function keysetPage<Row extends KeysetPosition>(
  fetched: readonly Row[],
  direction: PageDirection,
  pageSize: number,
): KeysetPage<Row> {
  const more = fetched.length > pageSize;
  const rows = fetched.slice(0, pageSize);
  if (readsBackward(direction)) {
    rows.reverse();
    const last = rows.at(-1);
    return {
      rows,
      next: last ? positionOf(last) : direction.before,
      previous: more ? positionOf(rows[0]!) : null,
    };
  }
  const first = rows[0];
  const last = rows.at(-1);
  return {
    rows,
    next: more && last ? positionOf(last) : null,
    previous: direction ? (first ? positionOf(first) : direction.after) : null,
  };
}

/** The order a list is shown in, on (createdAt, id). */
export type ListOrder = "asc" | "desc";

/**
 * How a page is read: from its cursor, in display order after it, or in the reverse order before it
 * (keysetPage puts the rows back in display order). A raw statement takes its seek and order from
 * lib/db/sql/keyset.ts (keysetSeek, keysetOrderBy); a Prisma `findMany` from the methods below.
 */
export class KeysetRead {
  /** Whether the rows are read in ascending (createdAt, id) order. */
  readonly ascending: boolean;
  /** The cursor's position, or null on the first page. */
  readonly position: KeysetPosition | null;

  constructor(direction: PageDirection, order: ListOrder) {
    this.ascending = (order === "asc") !== readsBackward(direction);
    this.position = cursorPosition(direction);
  }

  /** The seek for a Prisma `findMany` on a model with createdAt and id. */
  prismaWhere() {
    if (!this.position) return {};
    const { createdAt, id } = this.position;
    const beyond = <T>(value: T) => (this.ascending ? { gt: value } : { lt: value });
    return { OR: [{ createdAt: beyond(createdAt) }, { createdAt, id: beyond(id) }] };
  }

  /** The order for that `findMany`, in reading order. */
  prismaOrderBy() {
    const order = this.ascending ? ("asc" as const) : ("desc" as const);
    return [{ createdAt: order }, { id: order }];
  }
}
