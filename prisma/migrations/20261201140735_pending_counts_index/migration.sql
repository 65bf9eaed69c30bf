-- CreateIndex
CREATE INDEX "AccessRequest_pending_account_requester_idx" ON "AccessRequest"("accountId", "requesterId") WHERE (status = 'PENDING');

-- (migrate dev also proposed dropping and recreating "User_email_prefix_idx" as it was: Prisma
-- cannot compare raw("text_pattern_ops") operator classes and always sees a difference. Removed.)
