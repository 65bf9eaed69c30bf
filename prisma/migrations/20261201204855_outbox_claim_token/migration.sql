-- AlterTable
ALTER TABLE "EmailMessage" ADD COLUMN     "claimToken" TEXT;

-- (migrate dev also proposed dropping and recreating "User_email_prefix_idx" as it was: Prisma
-- cannot compare raw("text_pattern_ops") operator classes and always sees a difference. Removed.)
