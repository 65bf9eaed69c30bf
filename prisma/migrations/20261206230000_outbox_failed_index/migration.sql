-- CreateIndex
CREATE INDEX "EmailMessage_failed_idx" ON "EmailMessage"("createdAt") WHERE (status = 'FAILED');
