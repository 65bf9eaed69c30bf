import { getHeapSpaceStatistics } from "node:v8";
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";

// Read the flag on every request, not once at build time.
export const dynamic = "force-dynamic";

const body = { ok: true, service: "smart-account-access-portal" };
const noStore = { headers: { "cache-control": "no-store" } };

/** Where this server's memory is, for the bench's memory figure: V8's heap by space, and the rest. */
function memory() {
  const spaces = Object.fromEntries(
    getHeapSpaceStatistics().map((space) => [
      space.space_name,
      { size: space.space_size, used: space.space_used_size },
    ]),
  );
  return { ...process.memoryUsage(), spaces };
}

/**
 * The baseline of `npm run bench` (docs/benchmarks.md): the cheapest answer this app can give through
 * the same server, proxy and request-id middleware as every page; with `?memory`, where this
 * server's memory is. Exists only with BENCH_ROUTES=on.
 */
export function GET(request: NextRequest) {
  if (env().BENCH_ROUTES !== "on")
    return NextResponse.json({ error: "Not found" }, { status: 404 });
  if (request.nextUrl.searchParams.has("memory")) return NextResponse.json(memory(), noStore);
  return NextResponse.json(body, noStore);
}
