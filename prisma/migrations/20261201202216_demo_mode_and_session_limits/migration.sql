-- AlterEnum
ALTER TYPE "EmailStatus" ADD VALUE 'HELD';

-- AlterTable
ALTER TABLE "EmailMessage" ALTER COLUMN "payload" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- Disabling a user ends their sessions at once (hand-written): whatever disables them, and a user
-- enabled again later does not get back the sessions of before.
CREATE FUNCTION "User_disabled_ends_sessions"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM "Session" WHERE "userId" = NEW."id";
    RETURN NULL;
END;
$$;

-- CreateTrigger
CREATE TRIGGER "User_disabled_ends_sessions"
AFTER UPDATE OF "disabledAt" ON "User"
FOR EACH ROW WHEN (NEW."disabledAt" IS NOT NULL AND OLD."disabledAt" IS NULL)
EXECUTE FUNCTION "User_disabled_ends_sessions"();

-- (migrate dev also proposed dropping and recreating "User_email_prefix_idx" as it was: Prisma
-- cannot compare raw("text_pattern_ops") operator classes and always sees a difference. Removed.)
