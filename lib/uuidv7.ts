/**
 * UUIDv7 (RFC 9562 §5.7): 48 bits of Unix time in milliseconds, the version (7), 74 more bits,
 * the variant (10). Ids made here sort (as bytes, and as their lowercase text) in the order they
 * were made: rows written with raw SQL get the kind of id Prisma's `@default(uuid(7))` gives the
 * rows it writes itself, without a package for it. Node's `crypto.randomUUID` makes version 4
 * only, and PostgreSQL's own `uuidv7()` needs PostgreSQL 18 (rows a statement makes itself take
 * theirs from the SQL function `uuid_v7()`, migration …_uuid_v7).
 *
 * Within one process the ids only grow (RFC 9562 §6.2, method 1): the 32 bits after the
 * timestamp are a counter, started at a random value below 2^31 each new millisecond and
 * incremented for every further id in the same millisecond, or while the clock stands behind the
 * last timestamp used. A counter that runs over moves the timestamp on by one. The last 42 bits
 * are random, fresh for every id.
 */

let lastMs = -Infinity;
let counter = 0;

export function uuidv7(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    counter = ((bytes[6]! & 0x7f) << 24) | (bytes[7]! << 16) | (bytes[8]! << 8) | bytes[9]!;
  } else {
    counter = (counter + 1) >>> 0;
    if (counter === 0) lastMs += 1;
  }
  const ms = lastMs;
  bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
  bytes[2] = (ms >>> 24) & 0xff;
  bytes[3] = (ms >>> 16) & 0xff;
  bytes[4] = (ms >>> 8) & 0xff;
  bytes[5] = ms & 0xff;
  bytes[6] = 0x70 | ((counter >>> 28) & 0x0f); // version 7, then the counter's top 4 bits
  bytes[7] = (counter >>> 20) & 0xff;
  bytes[8] = 0x80 | ((counter >>> 14) & 0x3f); // variant 10, then 6 more bits of the counter
  bytes[9] = (counter >>> 6) & 0xff;
  bytes[10] = ((counter << 2) & 0xfc) | (bytes[10]! & 0x03); // the counter's last 6 bits, 2 random
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
