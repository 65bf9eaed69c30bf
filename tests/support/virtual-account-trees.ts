import { db } from "@/lib/db/client";

export { planNodes, type PlanNode } from "./query-plans";

/**
 * The data the virtual-account plan tests share, set-based: `accounts` accounts (`<p>a-<n>`), each
 * with its DEFAULT (the database makes it) and a chain of 5 virtual accounts below it
 * (`<p>v-<n>-<level>`), plus `siblings` more below level 1 (`<p>v-<n>-s<k>`); 3 users per account
 * (`<p>u-<g>`, `person<g>@<label>.example`) with a membership each (`<p>m-<g>`: one in three of the
 * whole account, the others of virtual accounts with an ADMIN grant on one of the chain, half with
 * its sub-accounts).
 */
export async function seedVirtualAccountTrees(options: {
  prefix: string;
  label: string;
  accounts: number;
  siblings?: number;
}): Promise<void> {
  const { prefix: p, label, accounts } = options;
  await db.$executeRawUnsafe(`
    INSERT INTO "User" ("id", "email", "updatedAt")
    SELECT '${p}u-' || g, 'person' || g || '@${label}.example', now() FROM generate_series(1, ${3 * accounts}) g`);
  // Each account gets its DEFAULT from the database.
  await db.$executeRawUnsafe(`
    INSERT INTO "Account" ("id", "name", "updatedAt") SELECT '${p}a-' || g, 'Company ' || g, now() FROM generate_series(1, ${accounts}) g`);
  for (let level = 1; level <= 5; level++)
    await db.$executeRawUnsafe(`
      INSERT INTO "VirtualAccount" ("id", "accountId", "parentId", "name", "updatedAt")
      SELECT '${p}v-' || g || '-${level}', '${p}a-' || g, ${level === 1 ? "NULL" : `'${p}v-' || g || '-${level - 1}'`}, 'Level ${level}', now()
        FROM generate_series(1, ${accounts}) g`);
  if (options.siblings)
    await db.$executeRawUnsafe(`
      INSERT INTO "VirtualAccount" ("id", "accountId", "parentId", "name", "updatedAt")
      SELECT '${p}v-' || g || '-s' || s, '${p}a-' || g, '${p}v-' || g || '-1', 'Sibling ' || s, now()
        FROM generate_series(1, ${accounts}) g, generate_series(1, ${options.siblings}) s`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Membership" ("id", "userId", "accountId", "role", "scope", "updatedAt")
    SELECT '${p}m-' || g, '${p}u-' || g, '${p}a-' || (1 + g % ${accounts}), 'USER',
           (CASE WHEN g % 3 = 0 THEN 'ACCOUNT' ELSE 'VIRTUAL_ACCOUNTS' END)::"MembershipScope", now()
      FROM generate_series(1, ${3 * accounts}) g`);
  await db.$executeRawUnsafe(`
    INSERT INTO "VirtualAccountGrant" ("id", "membershipId", "virtualAccountId", "role", "includeSubAccounts", "updatedAt")
    SELECT '${p}g-' || g, '${p}m-' || g, '${p}v-' || (1 + g % ${accounts}) || '-' || (1 + g % 5), 'ADMIN', g % 2 = 0, now()
      FROM generate_series(1, ${3 * accounts}) g WHERE g % 3 <> 0`);
}
