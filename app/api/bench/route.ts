import { NextResponse } from "next/server";
import { env } from "@/lib/env";

// Read the flag on every request, not once at build time.
export const dynamic = "force-dynamic";

const body = { ok: true, service: "smart-account-access-portal" };

/**
 * The baseline of `npm run bench` (docs/benchmarks.md): the cheapest answer this app can give through
 * the same server, proxy and request-id middleware as every page. Exists only with BENCH_ROUTES=on.
 */
export function GET() {
  if (env().BENCH_ROUTES !== "on") return NextResponse.json({ error: "Not found" }, { status: 404 });
  return NextResponse.json(body, { headers: { "cache-control": "no-store" } });
}
