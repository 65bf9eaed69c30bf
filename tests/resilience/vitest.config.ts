import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "..", "..");

// `npm run test:resilience`: each file is one scenario that starts its own cluster (PostgreSQL,
// SMTP relay, app servers, nginx), so files run one after the other and slowly.
export default defineConfig({
  root,
  resolve: { alias: { "@": root } },
  test: {
    name: "resilience",
    include: ["tests/resilience/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/resilience/support/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
