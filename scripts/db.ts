/**
 * npm run db:migrate | db:migrate:dev -- --name <x> | db:status | db:seed
 * Uses DATABASE_URL, or the project's own PostgreSQL in ./data (see docs/database.md, "Migrations").
 */
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { openDatabase } from "@/lib/db/local-database";
import { migrateDeploy, migrateDev, migrateStatus } from "@/lib/db/migrate";
import { seedDemoData } from "@/prisma/seed";

const log = (line: string) => console.error(line);

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: "string" },
      "create-only": { type: "boolean", default: false },
      "accept-data-loss": { type: "boolean", default: false },
    },
  });
  const command = positionals[0];
  if (!["deploy", "dev", "status", "seed"].includes(command ?? "")) {
    throw new Error("usage: tsx scripts/db.ts deploy | dev --name <name> | status | seed");
  }
  if (command === "dev" && !values.name)
    throw new Error("npm run db:migrate:dev -- --name <what-changed>");

  const database = await openDatabase(log, { adoptRunning: false });
  try {
    switch (command) {
      case "deploy": {
        const applied = await migrateDeploy(database.url, log);
        log(applied.length ? `Applied ${applied.length} migration(s).` : "No pending migrations.");
        break;
      }
      case "dev": {
        const created = await migrateDev(database.url, values.name!, {
          createOnly: values["create-only"],
          acceptDataLoss: values["accept-data-loss"],
          log,
        });
        log(
          created
            ? `Created prisma/migrations/${created}`
            : "The schema has no changes: no migration created.",
        );
        break;
      }
      case "status": {
        const status = await migrateStatus(database.url);
        log(`Applied: ${status.applied.length}. Pending: ${status.pending.join(", ") || "none"}.`);
        for (const problem of status.problems) log(`Problem: ${problem}`);
        if (status.pending.length || status.problems.length) process.exitCode = 1;
        break;
      }
      case "seed": {
        await migrateDeploy(database.url, log);
        const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
        try {
          await seedDemoData(db);
        } finally {
          await db.$disconnect();
        }
        log("Demo data is in place.");
        break;
      }
    }
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
