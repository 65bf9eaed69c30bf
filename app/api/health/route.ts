import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import { checkHealth, hasHealthToken, publicHealth } from "@/lib/health";
import { isSupportStaff } from "@/lib/support/access";

export const dynamic = "force-dynamic";

/** The status for anyone; the details (migrations, outbox backlog) for HEALTH_TOKEN or support staff. */
export async function GET(request: Request) {
  const health = await checkHealth();
  const detailed =
    hasHealthToken(request.headers.get("authorization"), env().HEALTH_TOKEN) ||
    // With the database down, nobody's session can be read: the status alone then.
    (health.database === "up" && isSupportStaff(await getCurrentUser().catch(() => null)));
  return NextResponse.json(detailed ? health : publicHealth(health), {
    status: health.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
