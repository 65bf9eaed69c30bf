import type { TestProject } from "vitest/node";
import { startTestDatabase, type TestDatabase } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated template; each worker works on a copy of it (vitest-integration-setup.ts). */
    testDatabase: Pick<TestDatabase, "url" | "adminUrl">;
  }
}

/** One real PostgreSQL for the integration run, migrated once. */
export default async function setup(project: TestProject) {
  const database = await startTestDatabase();
  project.provide("testDatabase", { url: database.url, adminUrl: database.adminUrl });
  return async () => {
    await database.stop();
  };
}
