import { z } from "zod";
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
} from "zod-openapi";
import {
  PING_EVENT,
  pingEventData,
  webhookEvents,
  webhookPayload,
  membershipEventData,
  requestEventData,
} from "@/lib/webhooks/events";
import {
  addMembersBody,
  addMembersResult,
  API_IMPORT_MAX,
  idempotencyKeyHeader,
} from "@/lib/members-import/api";
import * as wire from "./contract";
import { MAX_BODY_BYTES } from "./input";
import { apiScopes, type ApiScope } from "./rules";

const json = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });
const problemJson = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: wire.problem } },
});

const seconds = (description: string) => z.int32().min(0).max(86_400).meta({ description });

/**
 * The refusals every token-protected operation may answer, each a problem (problem.ts sends them):
 * no valid token, a scope missing or a creator who may not, the token's rate limit spent (with
 * when to come back and the limit itself: problemFromAppError's headers), and a failure of ours.
 */
const errors = {
  "401": problemJson(
    "No valid token: missing, unknown, revoked, expired, or its creator is disabled.",
  ),
  "403": problemJson(
    "The token lacks the scope this endpoint needs (`requiredScope`), or its creator may not do this: support staff, or a role above their own (`reason`).",
  ),
  "429": {
    ...problemJson("The token's rate limit is spent."),
    headers: z.object({
      "Retry-After": seconds("Seconds to wait."),
      "RateLimit-Limit": z
        .int32()
        .min(1)
        .max(1_000_000)
        .meta({ description: "Calls the token may make per window (lib/rate-limit.ts)." }),
      "RateLimit-Remaining": z.literal(0).meta({ description: "Calls left in this window." }),
      "RateLimit-Reset": seconds("Seconds until the window ends."),
    }),
  },
  "500": problemJson(
    "A failure on the portal's side: `code` INTERNAL, with the `requestId` to quote to support.",
  ),
};
const bodyErrors = {
  "413": problemJson(
    `The body is over ${MAX_BODY_BYTES} bytes (\`PAYLOAD_TOO_LARGE\`): refused from its Content-Length, before it is read, or as soon as a streamed body passes the limit.`,
  ),
};
const memberChangeProblems = {
  "400": problemJson("Invalid body or email address."),
  "404": problemJson("No such member, or the account is out of the token's reach."),
  "409": problemJson(
    "Refused by the state of things (`reason`: lastAdmin with the `accountId`, ended, notLater with the current `endsAt`, noEndDate, virtualAccountsScope (`role` alone for a member of selected virtual accounts: send `scope`), virtualAccountUnknown).",
  ),
};
const notModified = {
  "304": { description: "Not modified: the `If-None-Match` ETag is current." },
};

/**
 * An operation of a token-protected endpoint: its scope in the text and in `x-required-scopes`
 * (the bearer scheme is not OAuth 2, whose flows alone may list scopes in a security requirement;
 * the scheme's description lists them all).
 */
function operation(
  scope: ApiScope | null,
  op: ZodOpenApiOperationObject,
): ZodOpenApiOperationObject {
  const needs = scope ? `Needs the scope \`${scope}\`.` : "Any scope.";
  return {
    ...op,
    description: `${op.description ?? ""}\n\n${needs}`.trim(),
    security: [{ bearer: [] }],
    "x-required-scopes": scope ? [scope] : [],
    responses: { ...op.responses, ...errors, ...(op.requestBody ? bodyErrors : {}) },
  };
}

const scopeMeanings: Record<ApiScope, string> = {
  "requests:read": "list and read the access requests of the token's accounts",
  "requests:decide": "approve and deny them",
  "members:read": "list an account's members and virtual accounts, and check a person's access",
  "members:write":
    "add people, change a member's role or end date, remove a member, and change an account's virtual accounts",
};

/**
 * The operations of /api/v1, by path and method. A write's request body is the very schema its
 * handler parses (its apiRoute `body`; tests/unit/openapi.test.ts compares them).
 */
export const apiPaths: ZodOpenApiPathsObject = {
  "/requests": {
    get: operation("requests:read", {
      operationId: "listRequests",
      tags: ["Requests"],
      summary: "List access requests",
      description:
        "The queue of the token's accounts, oldest pending first: the admin queue's filters and keyset cursors.",
      requestParams: { query: wire.requestListQuery },
      responses: {
        "200": { description: "One page.", ...json(wire.requestPage) },
        ...notModified,
        "400": problemJson("A malformed filter or cursor."),
      },
    }),
  },
  "/requests/{requestId}": {
    get: operation("requests:read", {
      operationId: "getRequest",
      tags: ["Requests"],
      summary: "Get an access request",
      requestParams: { path: wire.requestParams },
      responses: {
        "200": { description: "The request.", ...json(wire.requestDetail) },
        ...notModified,
        "400": problemJson("A malformed request id."),
        "404": problemJson("No such request within the token's reach."),
      },
    }),
  },
  "/requests/{requestId}/approve": {
    post: operation("requests:decide", {
      operationId: "approveRequest",
      tags: ["Requests"],
      summary: "Approve an access request",
      description:
        "As the token's creator, for the whole account with a role (the default) or for chosen virtual accounts of it. The first decision wins: a request decided meanwhile answers 409 with who decided it and when.",
      requestParams: { path: wire.requestParams },
      requestBody: json(wire.approveBody),
      responses: {
        "200": {
          description: "Approved: the requester is a member with the access given and is emailed.",
          ...json(wire.decisionResult),
        },
        "400": problemJson("Invalid body."),
        "404": problemJson("No such request within the token's reach."),
        "409": problemJson(
          "Already decided (`requestStatus`, `decidedBy`, `decidedAt`), no longer decidable, or a virtual account that is not the request's account's (`virtualAccountUnknown`).",
        ),
      },
    }),
  },
  "/requests/{requestId}/deny": {
    post: operation("requests:decide", {
      operationId: "denyRequest",
      tags: ["Requests"],
      summary: "Deny an access request",
      description: "As the token's creator, with an optional reason emailed to the requester.",
      requestParams: { path: wire.requestParams },
      requestBody: json(wire.denyBody),
      responses: {
        "200": { description: "Denied: the requester is emailed.", ...json(wire.decisionResult) },
        "400": problemJson("Invalid body."),
        "404": problemJson("No such request within the token's reach."),
        "409": problemJson("Already decided, or no longer decidable."),
      },
    }),
  },
  "/accounts": {
    get: operation(null, {
      operationId: "listAccounts",
      tags: ["Accounts"],
      summary: "List the token's accounts",
      responses: {
        "200": { description: "The accounts.", ...json(wire.accountList) },
        ...notModified,
      },
    }),
  },
  "/accounts/{accountId}/members": {
    get: operation("members:read", {
      operationId: "listMembers",
      tags: ["Members"],
      summary: "List an account's members",
      requestParams: { path: wire.accountParams, query: wire.memberListQuery },
      responses: {
        "200": { description: "One page of members.", ...json(wire.memberPage) },
        ...notModified,
        "400": problemJson("A malformed account id, filter or cursor."),
        "404": problemJson("No such account within the token's reach."),
      },
    }),
    post: operation("members:write", {
      operationId: "addMembers",
      tags: ["Members"],
      summary: "Add people",
      description: `As the token's creator: one person or up to ${API_IMPORT_MAX}, each with a role, the entire account or chosen virtual accounts, and an end date. Each line's outcome is answered (added, changed, unchanged, or refused with its reason); a refused line does not stop the others. A pending request of a person for the account is approved by this; each person is emailed, and one who never signed in is invited to. A Virtual Account Administrator adds people inside their branch only.`,
      requestParams: {
        path: wire.accountParams,
        header: z.object({ "Idempotency-Key": idempotencyKeyHeader.optional() }),
      },
      requestBody: json(addMembersBody),
      responses: {
        "200": {
          description: "What became of each person.",
          headers: z.object({
            "Idempotent-Replayed": z
              .literal("true")
              .optional()
              .meta({ description: "Sent when the answer is a replay of this Idempotency-Key." }),
          }),
          ...json(addMembersResult),
        },
        "400": problemJson("Invalid body, account id or Idempotency-Key."),
        "404": problemJson(
          "No such account within the token's reach, or none the creator manages.",
        ),
        "409": problemJson("This Idempotency-Key was used with another body."),
      },
    }),
  },
  "/accounts/{accountId}/members/{email}": {
    get: operation("members:read", {
      operationId: "checkAccess",
      tags: ["Members"],
      summary: "Check a person's access",
      description:
        "The access an active member has on the account (`scope`: the entire Smart Account with its `role`, or selected virtual accounts with their `grants`), since when and until when; with `virtualAccount`, their effective role on that virtual account and how it is held (`heldAs`). 404 for anyone else. One indexed statement, whichever is asked.",
      requestParams: { path: wire.memberParams, query: wire.accessCheckQuery },
      responses: {
        "200": { description: "An active member.", ...json(wire.accessCheck) },
        ...notModified,
        "400": problemJson("Not an email address, or a malformed `virtualAccount`."),
        "404": problemJson(
          "Not an active member, the account is out of the token's reach, or (with `virtualAccount`) no role on that virtual account or not one of the account's.",
        ),
      },
    }),
    patch: operation("members:write", {
      operationId: "updateMember",
      tags: ["Members"],
      summary: "Change a member's role, scope or end date",
      description:
        "As the token's creator, with the members page's rules: a Smart Account role (`role` alone, for a member of the entire account), a new scope (`scope` with `role` or `virtualAccounts`, as approve takes them; Smart Account Administrators only), and/or a later end date. Sent together they change together or not at all.",
      requestParams: { path: wire.memberParams },
      requestBody: json(wire.memberUpdateBody),
      responses: {
        "200": {
          description: "The member after the change (emailed about it).",
          ...json(wire.member),
        },
        ...memberChangeProblems,
      },
    }),
    delete: operation("members:write", {
      operationId: "removeMember",
      tags: ["Members"],
      summary: "Remove a member",
      description:
        "As the token's creator: the access ends now; the member is emailed, with the reason if one is given, and may request access again.",
      requestParams: { path: wire.memberParams },
      requestBody: { ...json(wire.memberRemoveBody), required: false },
      responses: {
        "200": { description: "The member, no longer active.", ...json(wire.member) },
        ...memberChangeProblems,
      },
    }),
  },
  "/accounts/{accountId}/virtual-accounts": {
    get: operation("members:read", {
      operationId: "listVirtualAccounts",
      tags: ["Virtual accounts"],
      summary: "List an account's virtual accounts",
      description:
        "The tree, flat: each virtual account with its parent and its path of names, oldest first. A Smart Account Administrator's token lists all of them, a Virtual Account Administrator's their branch.",
      requestParams: { path: wire.accountParams, query: wire.virtualAccountListQuery },
      responses: {
        "200": { description: "One page.", ...json(wire.virtualAccountPage) },
        ...notModified,
        "400": problemJson("A malformed account id, page size or cursor."),
        "404": problemJson("No such account within the token's reach."),
      },
    }),
    post: operation("members:write", {
      operationId: "createVirtualAccount",
      tags: ["Virtual accounts"],
      summary: "Add a virtual account",
      description:
        "As the token's creator: below a virtual account they manage, or at the top (Smart Account Administrators). At most 6 levels; names unique among siblings.",
      requestParams: { path: wire.accountParams },
      requestBody: json(wire.virtualAccountCreateBody),
      responses: {
        "201": { description: "The new virtual account.", ...json(wire.virtualAccount) },
        "400": problemJson("Invalid body (`errors.name`: nameRequired, nameTooLong, nameInvalid)."),
        "404": problemJson("No such account within the token's reach."),
        "409": problemJson("Refused by the tree (`reason`: nameTaken, tooDeep, parentUnknown)."),
      },
    }),
  },
  "/accounts/{accountId}/virtual-accounts/{virtualAccountId}": {
    patch: operation("members:write", {
      operationId: "updateVirtualAccount",
      tags: ["Virtual accounts"],
      summary: "Rename or move a virtual account",
      description:
        "As the token's creator. DEFAULT is kept as it is; a Virtual Account Administrator changes only virtual accounts strictly inside their branch, and moves them only within it.",
      requestParams: { path: wire.virtualAccountParams },
      requestBody: json(wire.virtualAccountUpdateBody),
      responses: {
        "200": {
          description: "The virtual account after the change.",
          ...json(wire.virtualAccount),
        },
        "400": problemJson("Invalid body or ids."),
        "404": problemJson("No such virtual account within the token's reach."),
        "409": problemJson(
          "Refused by the tree (`reason`: nameTaken, tooDeep, belowItself, defaultKept, parentUnknown).",
        ),
      },
    }),
    delete: operation("members:write", {
      operationId: "deleteVirtualAccount",
      tags: ["Virtual accounts"],
      summary: "Delete a virtual account",
      description:
        "As the token's creator: it and every virtual account below it, and the grants on them. A person left with no grant in the account loses access (as a removal: emailed, `membership.removed`); one with grants elsewhere keeps those (`membership.changed`). With sub-accounts or people, send the `confirm` of its preview (GET …/deletion).",
      requestParams: { path: wire.virtualAccountParams, query: wire.virtualAccountDeleteQuery },
      responses: {
        "200": { description: "Deleted.", ...json(wire.virtualAccountDeleted) },
        "400": problemJson("Invalid ids or confirmation."),
        "404": problemJson("No such virtual account within the token's reach."),
        "409": problemJson(
          "Refused (`reason`: defaultKept; deleteUnconfirmed or deleteStale, with the `confirm` of the deletion as it is now).",
        ),
      },
    }),
  },
  "/accounts/{accountId}/virtual-accounts/{virtualAccountId}/deletion": {
    get: operation("members:write", {
      operationId: "previewVirtualAccountDeletion",
      tags: ["Virtual accounts"],
      summary: "Preview deleting a virtual account",
      description:
        "What DELETE would do now: the virtual accounts deleted with it, the people granted there and whether each loses all access to the account, and the `confirm` DELETE takes.",
      requestParams: { path: wire.virtualAccountParams },
      responses: {
        "200": { description: "The preview.", ...json(wire.virtualAccountDeletion) },
        "400": problemJson("Invalid ids."),
        "404": problemJson("No such virtual account within the token's reach."),
        "409": problemJson("DEFAULT is never deleted (`reason` defaultKept)."),
      },
    }),
  },
  "/openapi.json": {
    get: {
      operationId: "getOpenApiDocument",
      tags: ["Document"],
      summary: "This document",
      description: "Public, like the reference page it feeds.",
      security: [],
      responses: {
        "200": {
          description: "The OpenAPI 3.1 document.",
          content: { "application/json": { schema: z.object({}).passthrough() } },
        },
      },
    },
  },
};

/** One event posted to webhook endpoints, as an OpenAPI 3.1 `webhooks` entry. */
function webhook(
  type: Parameters<typeof webhookPayload>[0],
  data: z.ZodType,
  description = "",
): [string, ZodOpenApiPathsObject[string]] {
  return [
    type,
    {
      post: {
        operationId: `webhook.${type}`,
        summary: type,
        // Sent by the portal, not called by a client: no credential, a signature instead.
        security: [],
        description: `${description}Signed per Standard Webhooks: headers webhook-id, webhook-timestamp, webhook-signature (v1, HMAC-SHA256 with the endpoint's secret). Answer 2xx within 5 s.`,
        requestBody: json(webhookPayload(type, data)),
        responses: { "200": { description: "Received." } },
      },
    },
  ];
}

/** The events posted to webhook endpoints, and the ping an administrator sends to test one. */
const webhooks: ZodOpenApiPathsObject = Object.fromEntries([
  ...webhookEvents.map((type) =>
    webhook(type, type.startsWith("request.") ? requestEventData : membershipEventData),
  ),
  webhook(
    PING_EVENT,
    pingEventData,
    "Sent to one endpoint when an administrator presses Send test event, whatever events it subscribes to. ",
  ),
]);

let cached: ReturnType<typeof createDocument> | undefined;

/** The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the handlers parse with. */
export function openApiDocument() {
  cached ??= createDocument({
    openapi: "3.1.0",
    info: {
      title: "Smart Account access portal API",
      version: "1.0.0",
      description:
        "Access requests and memberships of the Smart Accounts an API token's creator administers. Errors are RFC 9457 problems (`application/problem+json`) with a stable `code`.",
    },
    servers: [
      {
        url: "/api/v1",
        description: "The portal serving this document (production, or a local demo).",
        "x-internal": false,
      },
    ],
    tags: [
      { name: "Requests", description: "Access requests of the token's accounts." },
      { name: "Accounts", description: "The accounts the token reaches." },
      { name: "Members", description: "Who has access to an account, and changing it." },
      {
        name: "Virtual accounts",
        description: "An account's tree of virtual accounts (scopes of access), and changing it.",
      },
      { name: "Document", description: "This OpenAPI document." },
    ],
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: [
            "An API token (`sap_…`), created on the portal's Tokens page with some of these scopes; each operation names the one it needs (`x-required-scopes`), a token without it is refused with 403.",
            ...apiScopes.map((scope) => `- \`${scope}\`: ${scopeMeanings[scope]}.`),
          ].join("\n"),
        },
      },
    },
    paths: apiPaths,
    webhooks,
  });
  return cached;
}
