import path from "node:path";
import { defineConfig } from "prisma/config";

// The Prisma CLI downloads its native schema engine before any command, which fails offline.
// `generate` never uses it; migrations go through the WASM engine (scripts/db.ts).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("scripts/no-schema-engine.sh");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
