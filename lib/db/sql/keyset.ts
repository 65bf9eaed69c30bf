import { Prisma } from "@/lib/generated/prisma/client";
import type { KeysetRead } from "@/lib/pagination/keyset";

/*
 * A keyset read (lib/pagination/keyset.ts) in a raw statement: the admin queue and the support
 * search, SQL for their measured plans (lib/db/sql/admin-queue.ts, support-search.ts). Written as a
 * row comparison, so PostgreSQL seeks straight to the cursor in an index ending in (createdAt, id)
 * and reads one page from there. Timestamps are bound as Dates, like every date of the app's SQL:
 * the driver sends them as UTC without a zone, and PostgreSQL gives the parameter the column's type
 * (timestamp(3)).
 */

/** `alias` is the table's alias in the query: written as is, so never user input. */
function columns(alias: string): { createdAt: Prisma.Sql; id: Prisma.Sql } {
  if (!/^[a-z_]+$/.test(alias)) throw new Error(`not a table alias: ${alias}`);
  return { createdAt: Prisma.raw(`${alias}."createdAt"`), id: Prisma.raw(`${alias}."id"`) };
}

/** The condition that starts the page at its cursor, or null on the first page. */
export function keysetSeek(read: KeysetRead, alias: string): Prisma.Sql | null {
  const position = read.position;
  if (!position) return null;
  const { createdAt, id } = columns(alias);
  return read.ascending
    ? Prisma.sql`(${createdAt}, ${id}) > (${position.createdAt}, ${position.id})`
    : Prisma.sql`(${createdAt}, ${id}) < (${position.createdAt}, ${position.id})`;
}

/** `ORDER BY` in reading order. */
export function keysetOrderBy(read: KeysetRead, alias: string): Prisma.Sql {
  const { createdAt, id } = columns(alias);
  const order = read.ascending ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  return Prisma.sql`ORDER BY ${createdAt} ${order}, ${id} ${order}`;
}
