import { consumeRateLimit } from "@/lib/rate-limit";
import { assertSafeInput, queryOf } from "./input";
import { accessCheckParams, accessCheckVirtualAccount, type AccessCheckBody } from "./members";
import { problemResponse } from "./problem";
import { apiEdge, jsonRead } from "./route";
import { bearerToken, checkAccess, type AccessCheck } from "./token-auth";

type Answered = Extract<AccessCheck, { outcome: "account" | "virtualAccounts" | "virtualAccount" }>;

/** What the check answers beside the account and the email (the fields in lib/api/contract.ts). */
function answerOf(check: Answered): Omit<AccessCheckBody, "accountId" | "email"> {
  const membership = {
    since: check.since.toISOString(),
    until: check.until?.toISOString() ?? null,
  };
  switch (check.outcome) {
    case "account":
      return { scope: "account", role: check.role, ...membership };
    case "virtualAccounts":
      return {
        scope: "virtualAccounts",
        role: null,
        virtualAccounts: check.virtualAccounts,
        ...membership,
      };
    case "virtualAccount":
      return {
        scope: check.scope,
        role: check.role,
        virtualAccountId: check.virtualAccountId,
        heldAs: check.heldAs,
        ...membership,
      };
  }
}

/**
 * The access check's handler: one statement (checkAccess) resolves the token, its scope, its
 * creator's authority over the account and the person's membership — and, with `?virtualAccount=`
 * (an id), their effective role there; the rate limit is counted in memory. No session, no second
 * query.
 */
export const accessCheck = apiEdge(
  "members.accessCheck",
  async (
    request: Request,
    context: { params: Promise<{ accountId: string; email: string }> },
  ): Promise<Response> => {
    const token = bearerToken(request.headers.get("authorization"));
    if (!token)
      return problemResponse(
        "UNAUTHENTICATED",
        "A valid API token is required: Authorization: Bearer sap_….",
      );
    const raw = await context.params;
    assertSafeInput(raw);
    const { accountId, email } = accessCheckParams(raw);
    const virtualAccountId = accessCheckVirtualAccount(queryOf(new URL(request.url)));
    const check = await checkAccess(token, accountId, email, virtualAccountId);
    if (check.outcome === "unauthenticated")
      return problemResponse(
        "UNAUTHENTICATED",
        "A valid API token is required: Authorization: Bearer sap_….",
      );
    await consumeRateLimit("apiAccessCheck", check.tokenId);
    if (check.outcome === "forbidden")
      return problemResponse("FORBIDDEN", "This token lacks the scope members:read.", {
        requiredScope: "members:read",
      });
    if (check.outcome === "notFound")
      return problemResponse(
        "NOT_FOUND",
        "This person has no access to this account, or the account is out of the token's reach.",
      );
    if (check.outcome === "noRoleThere")
      return problemResponse(
        "NOT_FOUND",
        "This person has no role on this virtual account, or it is not one of this account's.",
      );
    const body: AccessCheckBody = { accountId, email, ...answerOf(check) };
    return jsonRead(request, body);
  },
);
