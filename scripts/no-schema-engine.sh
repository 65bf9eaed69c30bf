#!/bin/sh
# Stand-in for Prisma's native schema engine, which cannot be downloaded on this project's
# machines. Migrations run through the WASM engine instead: see docs/database.md, "Migrations".
echo "The native Prisma schema engine is not used here: run npm run db:migrate / db:migrate:dev / db:status." >&2
exit 1
