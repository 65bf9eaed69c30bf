import { afterEach, describe, expect, it } from "vitest";
import { db, hotQuery } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { createUser } from "../support/factories";

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

/** A statement with each kind of value the hot statements read: timestamps, bigints, arrays, JSON, enums, nulls, booleans. */
const mixed = (userId: string, at: Date) => Prisma.sql`
  SELECT u."id", u."createdAt", u."disabledAt", u."platformRole", u."locale",
         ${at}::timestamp(3) AS "at", ${BigInt(2 ** 53) + 7n}::bigint AS "big", 41 + 1 AS "small",
         ARRAY['members:read', 'requests:read'] AS "scopes", json_build_object('n', 1, 'list', json_build_array('a')) AS "json",
         u."createdAt" > ${new Date(at.getTime() - 60_000)} AS "recent"
    FROM "User" u WHERE u."id" = ${userId}`;

describe("hotQuery: a raw statement on Prisma's pool through pg", () => {
  it("answers the rows $queryRaw answers for the same statement", async () => {
    const user = await createUser({ platformRole: "SUPPORT", locale: "fr" });
    const at = new Date("2026-03-29T01:30:00.123Z");
    const viaPrisma = await db.$queryRaw<Record<string, unknown>[]>(mixed(user.id, at));
    const viaPg = await hotQuery<Record<string, unknown>>(mixed(user.id, at));
    expect(viaPg).toEqual(viaPrisma);
    expect(viaPg[0]).toMatchObject({ id: user.id, at, big: BigInt(2 ** 53) + 7n, small: 42, platformRole: "SUPPORT", disabledAt: null, recent: true });
  });

  it("reads and writes instants in UTC whatever the process's time zone", async () => {
    // pg's own reading of a `timestamp` column is in local time: 5 hours off here.
    process.env.TZ = "America/New_York";
    const user = await createUser();
    const seen = new Date("2026-07-01T12:00:00.000Z");
    await hotQuery(Prisma.sql`UPDATE "User" SET "updatedAt" = ${seen} WHERE "id" = ${user.id}`);
    const [row] = await hotQuery<{ updatedAt: Date; text: string }>(
      Prisma.sql`SELECT "updatedAt", to_char("updatedAt", 'YYYY-MM-DD HH24:MI') AS "text" FROM "User" WHERE "id" = ${user.id}`,
    );
    expect(row).toEqual({ updatedAt: seen, text: "2026-07-01 12:00" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).updatedAt).toEqual(seen);
  });
});
