import type { NextRequest } from "next/server";
import { lookupAccounts } from "@/lib/accounts/lookup-accounts";
import { runAsSignedInUser } from "@/lib/actions/run-action";
import { appErrorStatus } from "@/lib/errors";

/**
 * The request form's domain lookup: GET /api/account-lookup?identifier=acme.com → ActionResult with the
 * matching active accounts. A read, so a route handler rather than a server action: lookups can run
 * side by side and be abandoned when the requester types on, and skip the RSC encoding a server
 * action answers with. Signed-in users only, rate-limited per user (lookupAccounts).
 */
export async function GET(request: NextRequest) {
  const identifier = request.nextUrl.searchParams.get("identifier") ?? "";
  const result = await runAsSignedInUser("accounts.lookup", (user) =>
    lookupAccounts(user, { identifier }),
  );
  const status = result.ok ? 200 : result.code === "INTERNAL" ? 500 : appErrorStatus[result.code];
  const headers = new Headers({ "cache-control": "private, no-store" });
  if (!result.ok && result.code === "RATE_LIMITED")
    headers.set("retry-after", String(result.details.seconds));
  return Response.json(result, { status, headers });
}
