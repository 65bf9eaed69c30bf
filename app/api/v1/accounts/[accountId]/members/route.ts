import { queryOf } from "@/lib/api/input";
import { listMembersForCaller } from "@/lib/api/members";
import { apiRoute, jsonRead } from "@/lib/api/route";
import { addMembersAnswer, addMembersBody, addMembersForCaller } from "@/lib/members-import/api";

/** GET /api/v1/accounts/{accountId}/members: who has access to the account, with which role and until when. */
export const GET = apiRoute<{ accountId: string }>(
  "members.list",
  { scope: "members:read", limit: "apiRead" },
  async ({ request, url, params, caller }) =>
    jsonRead(request, await listMembersForCaller(caller, params, queryOf(url))),
);

/**
 * POST: adds one person or up to 100, as the token's creator, with each line's outcome (the
 * dialog's preview and confirmation in one); an Idempotency-Key makes a retry add nobody twice.
 */
export const POST = apiRoute<{ accountId: string }>(
  "members.add",
  { scope: "members:write", limit: "apiDecision", body: addMembersBody },
  async ({ request, params, caller, body }) => {
    const result = await addMembersForCaller(
      caller,
      params,
      body,
      request.headers.get("idempotency-key"),
    );
    return new Response(JSON.stringify(addMembersAnswer(result)), {
      status: 200,
      headers: {
        "content-type": "application/json",
        "cache-control": "no-store",
        ...(result.replayed ? { "idempotent-replayed": "true" } : {}),
      },
    });
  },
);
