-- What an approval granted, kept on the request (issue 27): the whole Smart Account with a role, or
-- the virtual accounts with their names at the time of the approval (lib/requests/granted-scope.ts),
-- so that the requester's page and the request.approved webhook still say it after the membership
-- or the tree changed.
ALTER TABLE "AccessRequest" ADD COLUMN "grantedScope" JSONB;

-- Every approval before virtual accounts gave the whole account with its role.
UPDATE "AccessRequest"
   SET "grantedScope" = jsonb_build_object('scope', 'account', 'role', "grantedRole"::text, 'virtualAccounts', '[]'::jsonb)
 WHERE "status" = 'APPROVED' AND "grantedRole" IS NOT NULL;
