import { Prisma } from "@/lib/generated/prisma/client";
import { cursorPosition, readsBackward, type KeysetPosition, type PageDirection } from "./keyset";

/** The order a list is shown in, on (createdAt, id). */
export type ListOrder = "asc" | "desc";

/**
 * How a page is read: from its cursor, in display order after it, or in the reverse order before it
 * (keysetPage puts the rows back in display order). Written as a row comparison, so PostgreSQL seeks
 * straight to the cursor in an index ending in (createdAt, id) and reads one page from there.
 * Timestamps are bound as Dates, like every date of the app's SQL: the driver sends them as UTC
 * without a zone, and PostgreSQL gives the parameter the column's type (timestamp(3)).
 */
export class KeysetRead {
  private readonly ascending: boolean;
  private readonly position: KeysetPosition | null;

  constructor(direction: PageDirection, order: ListOrder) {
    this.ascending = (order === "asc") !== readsBackward(direction);
    this.position = cursorPosition(direction);
  }

  /** `alias` is the table's alias in the query: written as is, so never user input. */
  private columns(alias: string): { createdAt: Prisma.Sql; id: Prisma.Sql } {
    if (!/^[a-z_]+$/.test(alias)) throw new Error(`not a table alias: ${alias}`);
    return { createdAt: Prisma.raw(`${alias}."createdAt"`), id: Prisma.raw(`${alias}."id"`) };
  }

  /** The condition that starts the page at its cursor, or null on the first page. */
  seek(alias: string): Prisma.Sql | null {
    const position = this.position;
    if (!position) return null;
    const { createdAt, id } = this.columns(alias);
    return this.ascending
      ? Prisma.sql`(${createdAt}, ${id}) > (${position.createdAt}, ${position.id})`
      : Prisma.sql`(${createdAt}, ${id}) < (${position.createdAt}, ${position.id})`;
  }

  /** `ORDER BY` in reading order. */
  orderBy(alias: string): Prisma.Sql {
    const { createdAt, id } = this.columns(alias);
    const order = this.ascending ? Prisma.sql`ASC` : Prisma.sql`DESC`;
    return Prisma.sql`ORDER BY ${createdAt} ${order}, ${id} ${order}`;
  }

  /** The same seek and order for a Prisma `findMany` on a model with createdAt and id. */
  prismaWhere() {
    if (!this.position) return {};
    const { createdAt, id } = this.position;
    const beyond = <T>(value: T) => (this.ascending ? { gt: value } : { lt: value });
    return { OR: [{ createdAt: beyond(createdAt) }, { createdAt, id: beyond(id) }] };
  }

  prismaOrderBy() {
    const order = this.ascending ? ("asc" as const) : ("desc" as const);
    return [{ createdAt: order }, { id: order }];
  }
}
