import { beforeAll, inject } from "vitest";
import { truncateAll } from "./test-database";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.NEXTAUTH_SECRET ??= "integration-tests-secret-integration-tests-secret";
process.env.LOG_LEVEL ??= "silent";

beforeAll(async () => {
  await truncateAll(inject("databaseUrl"));
});
