import { beforeAll, inject } from "vitest";
import { copyDatabase, truncateAll } from "./test-database";

// Files run in parallel, one per worker at a time, each worker on its own copy of the migrated
// database (VITEST_POOL_ID numbers the workers from 1), so files never see each other's rows.
const databaseUrl = await copyDatabase(
  inject("testDatabase"),
  `w${process.env.VITEST_POOL_ID ?? "1"}`,
);
process.env.DATABASE_URL = databaseUrl;
process.env.NEXTAUTH_SECRET ??= "integration-tests-secret-integration-tests-secret";
process.env.LOG_LEVEL ??= "silent";

beforeAll(async () => {
  await truncateAll(databaseUrl);
});
