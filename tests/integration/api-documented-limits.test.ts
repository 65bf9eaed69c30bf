import type { OpenAPIV3_1 } from "openapi-types";
import { beforeAll, describe, expect, it } from "vitest";
import { apiScopes } from "@/lib/api/rules";
import { openApiDocument } from "@/lib/api/openapi";
import { db } from "@/lib/db/client";
import {
  createAccount,
  createAdmin,
  createMembership,
  createRequest,
  createUser,
  createVirtualAccount,
} from "../factories";
import { api, tokenFor, type Answer, type Call } from "./api-client";

/*
 * The limits the OpenAPI document states are the ones the handlers enforce: for every parameter
 * (path and query) and every request body field the document limits (maxLength, pattern, format,
 * enum, const), a value one past the limit, sent to the real handler with everything else valid,
 * is refused with a 400 problem; a parameter at its limit is not. Read from the document, so a
 * limit added there without the handler enforcing it fails here.
 */

type Schema = OpenAPIV3_1.SchemaObject & { const?: unknown };

interface Place {
  params: Record<string, string>;
  query: Record<string, string>;
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
}

let token: string;
let place: Record<string, string>;

beforeAll(async () => {
  const account = await createAccount();
  const admin = await createAdmin([account.id]);
  const member = await createUser();
  await createMembership(member.id, account.id, "USER");
  const request = await createRequest({ accountId: account.id });
  ({ token } = await tokenFor(admin, { scopes: [...apiScopes] }));
  const virtualAccount = await createVirtualAccount(account.id, { name: "Limits" });
  place = {
    accountId: account.id,
    email: member.email,
    requestId: request.id,
    virtualAccountId: virtualAccount.id,
  };
});

/** Each operation of the document by its id, called through its route handler. */
const callers: Record<string, (place: Place, call: Call) => Promise<Answer>> = {
  listRequests: (_, call) => api.listRequests(call),
  getRequest: ({ params }, call) => api.getRequest(params.requestId!, call),
  approveRequest: ({ params }, call) => api.approve(params.requestId!, call),
  denyRequest: ({ params }, call) => api.deny(params.requestId!, call),
  listAccounts: (_, call) => api.listAccounts(call),
  listMembers: ({ params }, call) => api.listMembers(params.accountId!, call),
  addMembers: ({ params }, call) => api.addMembers(params.accountId!, call),
  checkAccess: ({ params }, call) => api.checkAccess(params.accountId!, params.email!, call),
  updateMember: ({ params }, call) => api.updateMember(params.accountId!, params.email!, call),
  removeMember: ({ params }, call) => api.removeMember(params.accountId!, params.email!, call),
  listVirtualAccounts: ({ params }, call) => api.listVirtualAccounts(params.accountId!, call),
  createVirtualAccount: ({ params }, call) => api.createVirtualAccount(params.accountId!, call),
  updateVirtualAccount: ({ params }, call) =>
    api.updateVirtualAccount(params.accountId!, params.virtualAccountId!, call),
  deleteVirtualAccount: ({ params }, call) =>
    api.deleteVirtualAccount(params.accountId!, params.virtualAccountId!, call),
  previewVirtualAccountDeletion: ({ params }, call) =>
    api.previewVirtualAccountDeletion(params.accountId!, params.virtualAccountId!, call),
};

const document = () => openApiDocument() as OpenAPIV3_1.Document;

function resolve(schema: unknown): Schema {
  const ref = (schema as { $ref?: string }).$ref;
  if (!ref) return schema as Schema;
  return document().components!.schemas![ref.split("/").pop()!] as Schema;
}

/** A value of the schema at its limit, and values one past it (each a separate probe), or null. */
function probes(schema: Schema): { at: unknown; past: unknown[] } | null {
  if (schema.format === "date") {
    const day = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    return { at: day, past: [`${day}1`, "2026-02-30"] };
  }
  if (schema.format === "email") {
    const at = `${"a".repeat(schema.maxLength! - "@example.com".length)}@example.com`;
    return { at, past: [`a${at}`, "not-an-email"] };
  }
  if (schema.maxLength !== undefined) {
    const past = ["x".repeat(schema.maxLength + 1)];
    if (schema.pattern) past.push("a b!");
    return { at: "x".repeat(schema.maxLength), past };
  }
  const values = schema.enum ?? ("const" in schema ? [schema.const] : null);
  if (!values) return null;
  const [first] = values;
  if (typeof first === "number")
    return { at: first, past: [Math.max(...(values as number[])) + 1] };
  if (typeof first === "boolean") return { at: first, past: [!first] };
  return { at: first, past: ["NOT_ONE_OF_THEM"] };
}

interface Probe {
  operation: string;
  where: "path" | "query" | "header" | "body";
  name: string;
  at: unknown;
  past: unknown[];
}

/** Every limited input of every operation a token calls. */
function limitedInputs(): Probe[] {
  const found: Probe[] = [];
  for (const item of Object.values(document().paths ?? {})) {
    for (const method of ["get", "post", "patch", "delete"] as const) {
      const operation = item?.[method];
      if (!operation?.operationId || !callers[operation.operationId]) continue;
      for (const parameter of (operation.parameters ?? []) as OpenAPIV3_1.ParameterObject[]) {
        const limit = probes(resolve(parameter.schema));
        if (limit)
          found.push({
            operation: operation.operationId,
            where: parameter.in as "path" | "query" | "header",
            name: parameter.name,
            ...limit,
          });
      }
      const body = operation.requestBody as OpenAPIV3_1.RequestBodyObject | undefined;
      const schema = body && resolve(body.content["application/json"]!.schema);
      for (const [name, property] of Object.entries(schema?.properties ?? {})) {
        const limit = probes(resolve(property));
        if (limit) found.push({ operation: operation.operationId, where: "body", name, ...limit });
      }
    }
  }
  return found;
}

/** The call with only this input changed; the rest valid (a body needs one field to be a change). */
function callWith(probe: Probe, value: unknown): [Place, Call] {
  const params = { ...place };
  const query: Record<string, string> = {};
  const headers: Record<string, string> = {};
  let body: Record<string, unknown> | undefined =
    probe.operation === "updateMember"
      ? { role: "VIEWER" }
      : probe.operation === "addMembers"
        ? { people: [{ email: "limits-added@example.com", role: "VIEWER" }] }
        : undefined;
  if (probe.where === "path") params[probe.name] = String(value);
  if (probe.where === "query") query[probe.name] = String(value);
  if (probe.where === "header") headers[probe.name] = String(value);
  if (probe.where === "body") body = { [probe.name]: value };
  return [
    { params, query, headers, body },
    { token, query, headers, body },
  ];
}

describe("the limits the OpenAPI document states", () => {
  it("covers the parameters and body fields a client sends", () => {
    const names = limitedInputs().map((probe) => `${probe.operation} ${probe.where} ${probe.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        "listRequests query account",
        "listRequests query q",
        "listRequests query from",
        "listRequests query after",
        "getRequest path requestId",
        "listMembers path accountId",
        "listMembers query q",
        "checkAccess path email",
        "checkAccess query virtualAccount",
        "approveRequest body role",
        "approveRequest body endsOn",
        "denyRequest body reason",
        "updateMember body endsInDays",
        "updateMember body permanent",
        "removeMember body reason",
        "listVirtualAccounts query size",
        "createVirtualAccount body name",
        "updateVirtualAccount path virtualAccountId",
        "deleteVirtualAccount query confirm",
        "addMembers header Idempotency-Key",
      ]),
    );
  });

  it("refuses a value one past each documented limit with a 400 problem, before any change", async () => {
    const refused: Record<string, unknown> = {};
    const expected: Record<string, unknown> = {};
    for (const probe of limitedInputs()) {
      for (const value of probe.past) {
        const label = `${probe.operation} ${probe.where} ${probe.name}=${String(value).slice(0, 24)}`;
        const answer = await callers[probe.operation]!(...callWith(probe, value));
        refused[label] = [answer.status, answer.headers.get("content-type"), answer.json.code];
        expected[label] = [400, "application/problem+json", "VALIDATION"];
      }
    }
    expect(refused).toEqual(expected);
    expect(Object.keys(refused).length).toBeGreaterThanOrEqual(25);
    const [request, membership] = await Promise.all([
      db.accessRequest.findUniqueOrThrow({ where: { id: place.requestId } }),
      db.membership.findFirstOrThrow({
        where: { accountId: place.accountId, user: { email: place.email } },
      }),
    ]);
    expect([request.status, membership.role, membership.active]).toEqual(["PENDING", "USER", true]);
  });

  it("accepts each read's parameters at their documented limit (not a 400)", async () => {
    const reads = [
      "listRequests",
      "getRequest",
      "listMembers",
      "checkAccess",
      "listVirtualAccounts",
      "previewVirtualAccountDeletion",
    ];
    const statuses: Record<string, number> = {};
    for (const probe of limitedInputs().filter((probe) => reads.includes(probe.operation))) {
      // A cursor at its length is well-formed but not one the portal signed: 400 by design.
      if (probe.name === "after" || probe.name === "before") continue;
      const answer = await callers[probe.operation]!(...callWith(probe, probe.at));
      statuses[`${probe.operation} ${probe.where} ${probe.name}`] = answer.status;
    }
    expect(Object.entries(statuses).filter(([, status]) => status === 400)).toEqual([]);
    expect(Object.keys(statuses).length).toBeGreaterThanOrEqual(8);
  });
});
