-- People an administrator adds in one go (issue 28): the import, keyed by its idempotency key, and
-- the lines it applied, so that a retry applies nothing twice (lib/members-import/commit.ts).

-- CreateTable
CREATE TABLE "MembershipImport" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "MembershipImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MembershipImportLine" (
    "importId" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "address" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "reason" TEXT,
    "detail" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MembershipImportLine_pkey" PRIMARY KEY ("importId","line")
);

-- CreateIndex
CREATE UNIQUE INDEX "MembershipImport_actorId_accountId_key_key" ON "MembershipImport"("actorId", "accountId", "key");

-- AddForeignKey
ALTER TABLE "MembershipImport" ADD CONSTRAINT "MembershipImport_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MembershipImport" ADD CONSTRAINT "MembershipImport_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MembershipImportLine" ADD CONSTRAINT "MembershipImportLine_importId_fkey" FOREIGN KEY ("importId") REFERENCES "MembershipImport"("id") ON DELETE CASCADE ON UPDATE CASCADE;
