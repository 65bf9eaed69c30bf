-- Virtual accounts (issue 27, first step: the model and the effective-role rule). A Smart Account
-- holds a tree of virtual accounts (a root DEFAULT in every account, names unique among siblings,
-- at most 6 levels). A membership is either of the whole account (scope ACCOUNT, its `role` a Smart
-- Account role: every existing membership, by the column's default) or of chosen virtual accounts
-- (scope VIRTUAL_ACCOUNTS, its roles the VirtualAccountGrant rows). The tables first (as Prisma
-- makes them), then what PostgreSQL keeps true, then the existing accounts' DEFAULT, then the rules.

-- CreateEnum
CREATE TYPE "MembershipScope" AS ENUM ('ACCOUNT', 'VIRTUAL_ACCOUNTS');

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "scope" "MembershipScope" NOT NULL DEFAULT 'ACCOUNT';

-- CreateTable
CREATE TABLE "VirtualAccount" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "parentId" TEXT,
    "name" TEXT NOT NULL,
    "path" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VirtualAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VirtualAccountGrant" (
    "id" TEXT NOT NULL,
    "membershipId" TEXT NOT NULL,
    "virtualAccountId" TEXT NOT NULL,
    "role" "MembershipRole" NOT NULL,
    "includeSubAccounts" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VirtualAccountGrant_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "VirtualAccount_accountId_idx" ON "VirtualAccount"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "VirtualAccount_root_name_key" ON "VirtualAccount"("accountId", "name") WHERE ("parentId" IS NULL);

-- CreateIndex
CREATE UNIQUE INDEX "VirtualAccount_sibling_name_key" ON "VirtualAccount"("parentId", "name") WHERE ("parentId" IS NOT NULL);

-- CreateIndex
CREATE INDEX "VirtualAccountGrant_virtualAccountId_idx" ON "VirtualAccountGrant"("virtualAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "VirtualAccountGrant_membershipId_virtualAccountId_key" ON "VirtualAccountGrant"("membershipId", "virtualAccountId");

-- AddForeignKey
ALTER TABLE "VirtualAccount" ADD CONSTRAINT "VirtualAccount_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VirtualAccount" ADD CONSTRAINT "VirtualAccount_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "VirtualAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VirtualAccountGrant" ADD CONSTRAINT "VirtualAccountGrant_membershipId_fkey" FOREIGN KEY ("membershipId") REFERENCES "Membership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VirtualAccountGrant" ADD CONSTRAINT "VirtualAccountGrant_virtualAccountId_fkey" FOREIGN KEY ("virtualAccountId") REFERENCES "VirtualAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The tree, kept by PostgreSQL whoever writes it (the app, the seed, the factories, the bench).
-- `path` holds the ids from the root down to the row itself: its length is the depth (1 to 6), and a
-- virtual account's ancestors are one read of one row (effective_role below).
ALTER TABLE "VirtualAccount" ADD CONSTRAINT "VirtualAccount_path_check"
  CHECK ("path" IS NOT NULL AND cardinality("path") BETWEEN 1 AND 6 AND "path"[cardinality("path")] = "id");

-- Before a row is written with a new place in the tree: its path from its parent's, the parent of
-- the same Smart Account, never below itself; a virtual account never changes Smart Account.
CREATE FUNCTION "virtual_account_place"()
RETURNS trigger
LANGUAGE plpgsql AS $function$
DECLARE
  parent_path text[];
BEGIN
  IF TG_OP = 'UPDATE' AND (NEW."accountId" <> OLD."accountId" OR NEW."id" <> OLD."id") THEN
    RAISE EXCEPTION 'a virtual account stays in its Smart Account' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW."parentId" IS NULL THEN
    NEW."path" := ARRAY[NEW."id"];
  ELSE
    SELECT p."path" INTO parent_path FROM "VirtualAccount" p
     WHERE p."id" = NEW."parentId" AND p."accountId" = NEW."accountId";
    IF parent_path IS NULL THEN
      RAISE EXCEPTION 'the parent of a virtual account must be one of its Smart Account'
        USING ERRCODE = 'foreign_key_violation';
    END IF;
    IF NEW."id" = ANY(parent_path) THEN
      RAISE EXCEPTION 'a virtual account cannot move below itself' USING ERRCODE = 'check_violation';
    END IF;
    NEW."path" := parent_path || NEW."id";
  END IF;
  RETURN NEW;
END
$function$;

CREATE TRIGGER "VirtualAccount_place"
  BEFORE INSERT OR UPDATE OF "id", "accountId", "parentId", "path" ON "VirtualAccount"
  FOR EACH ROW EXECUTE FUNCTION "virtual_account_place"();

-- After a move, the children take their new path (each one's own trigger recomputes it from its
-- parent, and moves its children in turn: at most 6 levels). A move that would put a descendant
-- below the 6th level fails on the CHECK, and the whole move with it.
CREATE FUNCTION "virtual_account_moved"()
RETURNS trigger
LANGUAGE plpgsql AS $function$
BEGIN
  UPDATE "VirtualAccount" SET "path" = "path" WHERE "parentId" = NEW."id";
  RETURN NULL;
END
$function$;

CREATE TRIGGER "VirtualAccount_moved"
  AFTER UPDATE OF "parentId", "path" ON "VirtualAccount"
  FOR EACH ROW WHEN (OLD."path" IS DISTINCT FROM NEW."path") EXECUTE FUNCTION "virtual_account_moved"();

-- Every account has its DEFAULT, at the root: made with the account (one statement for the
-- accounts a statement inserts), never renamed, moved or deleted while its account exists.
CREATE FUNCTION "virtual_account_default_for_new_accounts"()
RETURNS trigger
LANGUAGE plpgsql AS $function$
BEGIN
  INSERT INTO "VirtualAccount" ("id", "accountId", "name", "updatedAt")
  SELECT "uuid_v7"()::text, a."id", 'DEFAULT', a."createdAt" FROM new_accounts a;
  RETURN NULL;
END
$function$;

CREATE TRIGGER "Account_default_virtual_account"
  AFTER INSERT ON "Account" REFERENCING NEW TABLE AS new_accounts
  FOR EACH STATEMENT EXECUTE FUNCTION "virtual_account_default_for_new_accounts"();

CREATE FUNCTION "virtual_account_keep_default"()
RETURNS trigger
LANGUAGE plpgsql AS $function$
BEGIN
  IF OLD."parentId" IS NULL AND OLD."name" = 'DEFAULT' THEN
    IF TG_OP = 'DELETE' THEN
      -- Deleted with its account (the cascade runs once the account's row is gone).
      IF EXISTS (SELECT 1 FROM "Account" a WHERE a."id" = OLD."accountId") THEN
        RAISE EXCEPTION 'the DEFAULT virtual account is kept' USING ERRCODE = 'check_violation';
      END IF;
    ELSIF NEW."name" <> 'DEFAULT' OR NEW."parentId" IS NOT NULL THEN
      RAISE EXCEPTION 'the DEFAULT virtual account is kept' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$function$;

CREATE TRIGGER "VirtualAccount_keep_default"
  BEFORE DELETE OR UPDATE OF "name", "parentId" ON "VirtualAccount"
  FOR EACH ROW EXECUTE FUNCTION "virtual_account_keep_default"();

-- The accounts that exist now get theirs.
INSERT INTO "VirtualAccount" ("id", "accountId", "name", "updatedAt")
SELECT "uuid_v7"()::text, a."id", 'DEFAULT', a."createdAt" FROM "Account" a;

-- A grant belongs to a membership of scope VIRTUAL_ACCOUNTS, on a virtual account of the
-- membership's own Smart Account.
CREATE FUNCTION "virtual_account_grant_check"()
RETURNS trigger
LANGUAGE plpgsql AS $function$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM "Membership" m JOIN "VirtualAccount" va ON va."accountId" = m."accountId"
     WHERE m."id" = NEW."membershipId" AND va."id" = NEW."virtualAccountId" AND m."scope" = 'VIRTUAL_ACCOUNTS'
  ) THEN
    RAISE EXCEPTION 'a grant is on a virtual account of its membership''s Smart Account, for a membership of scope VIRTUAL_ACCOUNTS'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$function$;

CREATE TRIGGER "VirtualAccountGrant_check"
  BEFORE INSERT OR UPDATE OF "membershipId", "virtualAccountId" ON "VirtualAccountGrant"
  FOR EACH ROW EXECUTE FUNCTION "virtual_account_grant_check"();

-- "Active administrator" (migration …_active_administrator) is a Smart Account Administrator: an
-- ADMIN membership of scope ACCOUNT. A Virtual Account Administrator decides no request, gets no
-- request email and does not count for the last-administrator guard. Still inlined: a plain SQL
-- expression over the rows.
CREATE OR REPLACE FUNCTION "is_active_admin"(m "Membership", u "User", p_now timestamp(3))
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $function$
  SELECT m."role" = 'ADMIN' AND m."scope" = 'ACCOUNT' AND "membership_in_force"(m, p_now) AND u."disabledAt" IS NULL
$function$;

-- "Effective role" of a person on a virtual account, defined once (lib/virtual-accounts/effective-role.ts):
-- the highest of their Smart Account role (a membership of scope ACCOUNT) and their grants on the
-- virtual account ('direct') or on an ancestor granted with its sub-accounts ('inherited') (a
-- membership of scope VIRTUAL_ACCOUNTS); the membership in force (membership_in_force) and the user
-- not disabled. At equal roles, 'account' before 'direct' before 'inherited'. No row: no role
-- (also for a virtual account of another Smart Account). One read of the virtual account (its path
-- holds its ancestors), one of the membership by (userId, accountId), its grants on that path by
-- (membershipId, virtualAccountId): unique indexes all.
CREATE FUNCTION "effective_role"(p_user_id text, p_account_id text, p_virtual_account_id text, p_now timestamp(3))
RETURNS TABLE ("role" "MembershipRole", "heldAs" text)
LANGUAGE sql STABLE PARALLEL SAFE AS $function$
  SELECT held."role", held."heldAs"
    FROM "VirtualAccount" va
    JOIN "Membership" m ON m."accountId" = va."accountId"
    JOIN "User" u ON u."id" = m."userId"
    CROSS JOIN LATERAL (
      SELECT m."role", 'account' AS "heldAs", 1 AS "order" WHERE m."scope" = 'ACCOUNT'
      UNION ALL
      SELECT g."role", CASE WHEN g."virtualAccountId" = va."id" THEN 'direct' ELSE 'inherited' END,
             CASE WHEN g."virtualAccountId" = va."id" THEN 2 ELSE 3 END
        FROM "VirtualAccountGrant" g
       WHERE m."scope" = 'VIRTUAL_ACCOUNTS' AND g."membershipId" = m."id"
         AND g."virtualAccountId" = ANY(va."path")
         AND (g."virtualAccountId" = va."id" OR g."includeSubAccounts")
    ) held
   WHERE va."id" = p_virtual_account_id AND va."accountId" = p_account_id
     AND m."userId" = p_user_id AND "membership_in_force"(m, p_now) AND u."disabledAt" IS NULL
   ORDER BY CASE held."role" WHEN 'ADMIN' THEN 3 WHEN 'USER' THEN 2 ELSE 1 END DESC, held."order"
   LIMIT 1
$function$;
