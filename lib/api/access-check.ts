import { consumeRateLimit } from "@/lib/rate-limit";
import { assertSafeInput } from "./input";
import { accessCheckParams, type AccessCheckBody } from "./members";
import { problemResponse } from "./problem";
import { apiEdge, jsonRead } from "./route";
import { bearerToken, checkAccess } from "./token-auth";

/**
 * The access check's handler: one statement (checkAccess) resolves the token, its scope, its
 * creator's authority over the account and the person's membership; the rate limit is counted in
 * memory. No session, no second query.
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
    const check = await checkAccess(token, accountId, email);
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
    const body: AccessCheckBody = {
      accountId,
      email,
      role: check.role,
      since: check.since.toISOString(),
      until: check.until?.toISOString() ?? null,
    };
    return jsonRead(request, body);
  },
);
