-- Memberships that end: time-bound access, how and when a membership ended, the request that
-- granted it; support cases about an account; each user's last sign-in.
-- CreateEnum
CREATE TYPE "MembershipEnd" AS ENUM ('REMOVED', 'LEFT', 'EXPIRED');

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "endCause" "MembershipEnd",
ADD COLUMN     "endWarnedAt" TIMESTAMP(3),
ADD COLUMN     "endedAt" TIMESTAMP(3),
ADD COLUMN     "endsAt" TIMESTAMP(3),
ADD COLUMN     "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "grantedByRequestId" TEXT;

-- Existing memberships began when they were created; inactive ones ended at their last change
-- (how is unknown); each is linked to the latest approved request of its member for its account.
UPDATE "Membership" SET "grantedAt" = "createdAt";
UPDATE "Membership" SET "endedAt" = "updatedAt" WHERE NOT "active";
UPDATE "Membership" m SET "grantedByRequestId" = r."id"
  FROM (SELECT DISTINCT ON ("requesterId", "accountId") "id", "requesterId", "accountId"
          FROM "AccessRequest" WHERE "status" = 'APPROVED'
         ORDER BY "requesterId", "accountId", "decidedAt" DESC NULLS LAST, "id" DESC) r
 WHERE r."requesterId" = m."userId" AND r."accountId" = m."accountId";

-- AlterTable
ALTER TABLE "SupportCase" ADD COLUMN     "accountId" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "lastSignInAt" TIMESTAMP(3);

-- CreateIndex
CREATE UNIQUE INDEX "Membership_grantedByRequestId_key" ON "Membership"("grantedByRequestId");

-- CreateIndex
CREATE INDEX "Membership_accountId_createdAt_id_idx" ON "Membership"("accountId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Membership_ending_idx" ON "Membership"("endsAt") WHERE (active AND "endsAt" IS NOT NULL);

-- CreateIndex
CREATE INDEX "SupportCase_accountId_idx" ON "SupportCase"("accountId");

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_grantedByRequestId_fkey" FOREIGN KEY ("grantedByRequestId") REFERENCES "AccessRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportCase" ADD CONSTRAINT "SupportCase_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- (migrate dev also proposed dropping and recreating "User_email_prefix_idx" as it was: Prisma
-- cannot compare raw("text_pattern_ops") operator classes and always sees a difference. Removed.)
