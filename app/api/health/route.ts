import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { checkHealth, hasHealthToken, publicHealth, withOutboxBacklog } from "@/lib/health";
import { clientAddressOf } from "@/lib/http/peer-address";
import { consumeRateLimit } from "@/lib/rate-limit";
import { isSupportStaff } from "@/lib/support/access";

export const dynamic = "force-dynamic";

/**
 * The status for anyone (one cheap statement); the details (migrations, outbox backlog) for
 * HEALTH_TOKEN or support staff. Rate-limited per client like every public route.
 */
export async function GET(request: Request) {
  try {
    await consumeRateLimit("health", clientAddressOf(request.headers));
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "RATE_LIMITED") throw error;
    const seconds = Number(error.details.seconds);
    return NextResponse.json(
      { error: "RateLimited", retryAfterSeconds: seconds },
      { status: 429, headers: { "retry-after": String(seconds), "cache-control": "no-store" } },
    );
  }
  const health = await checkHealth();
  const detailed =
    hasHealthToken(request.headers.get("authorization"), env().HEALTH_TOKEN) ||
    // With the database down, nobody's session can be read: the status alone then.
    (health.database === "up" && isSupportStaff(await getCurrentUser().catch(() => null)));
  const answer = detailed ? await withOutboxBacklog(health) : publicHealth(health);
  return NextResponse.json(answer, {
    status: answer.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
