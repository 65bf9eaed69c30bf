import { afterEach, describe, expect, it } from "vitest";
import { db, hotQuery, sqlTransaction } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { createUser } from "../factories";

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
    expect(viaPg[0]).toMatchObject({
      id: user.id,
      at,
      big: BigInt(2 ** 53) + 7n,
      small: 42,
      platformRole: "SUPPORT",
      disabledAt: null,
      recent: true,
    });
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

describe("sqlTransaction: one transaction on Prisma's pool through pg", () => {
  const companyOf = async (id: string) =>
    (await db.user.findUniqueOrThrow({ where: { id } })).company;
  const setCompany = (id: string, company: string) =>
    Prisma.sql`UPDATE "User" SET "company" = ${company} WHERE "id" = ${id}`;

  it("answers what $queryRaw answers, and commits every statement together", async () => {
    const user = await createUser({ platformRole: "SUPPORT", locale: "fr" });
    const at = new Date("2026-03-29T01:30:00.123Z");
    const { rows, changed } = await sqlTransaction(async (tx) => ({
      rows: await tx.$queryRaw<Record<string, unknown>[]>(mixed(user.id, at)),
      changed: await tx.$executeRaw(setCompany(user.id, "Committed Corp")),
    }));
    expect(rows).toEqual(await db.$queryRaw<Record<string, unknown>[]>(mixed(user.id, at)));
    expect(changed).toBe(1);
    expect(await companyOf(user.id)).toBe("Committed Corp");
  });

  it("rolls back every statement when the work throws, and the connection serves the next transaction", async () => {
    const user = await createUser({ company: "Before Corp" });
    const refused = sqlTransaction(async (tx) => {
      await tx.$executeRaw(setCompany(user.id, "Half Done Corp"));
      throw new Error("a rule refused the change");
    });
    await expect(refused).rejects.toThrow("a rule refused the change");
    expect(await companyOf(user.id)).toBe("Before Corp");

    const failedStatement = sqlTransaction(async (tx) => {
      await tx.$executeRaw(setCompany(user.id, "Half Done Corp"));
      await tx.$executeRaw(Prisma.sql`SELECT 1 / 0`);
    });
    await expect(failedStatement).rejects.toThrow(/division by zero/);
    expect(await companyOf(user.id)).toBe("Before Corp");
    // Each pool connection was handed back outside any transaction: ten more in a row all commit.
    for (let i = 0; i < 10; i += 1)
      await sqlTransaction((tx) => tx.$executeRaw(setCompany(user.id, `Corp ${i}`)));
    expect(await companyOf(user.id)).toBe("Corp 9");
  });
});
