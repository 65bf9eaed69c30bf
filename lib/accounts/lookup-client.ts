import type { ActionResult } from "@/lib/actions/run-action";
import type { AccountMatch } from "./lookup-accounts";

export type LookupResult = ActionResult<{ domain: string; accounts: AccountMatch[] }>;

/**
 * The browser's side of GET /api/account-lookup (app/api/account-lookup/route.ts). Always resolves: a network
 * failure or an answer that is not the route's JSON becomes a failure the form can show.
 */
export async function fetchAccountMatches(identifier: string): Promise<LookupResult> {
  try {
    const response = await fetch(
      `/api/account-lookup?identifier=${encodeURIComponent(identifier)}`,
      {
        headers: { accept: "application/json" },
      },
    );
    if (!response.headers.get("content-type")?.includes("application/json")) {
      return {
        ok: false,
        code: response.status === 401 ? "UNAUTHENTICATED" : "INTERNAL",
        details: {},
      };
    }
    return (await response.json()) as LookupResult;
  } catch {
    return { ok: false, code: "INTERNAL", details: {} };
  }
}
