import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import type { OpenAPIV3_1 } from "openapi-types";
import type { ZodType } from "zod";
import { describe, expect, it } from "vitest";
import type { Mutation } from "@/lib/actions/mutation";
import { approveRequest, denyRequest } from "@/lib/admin/approve-or-deny";
import { apiPaths, openApiDocument } from "@/lib/api/openapi";
import { changeMemberRole } from "@/lib/memberships/change-role";
import { extendMembership } from "@/lib/memberships/extend-membership";
import { removeMember } from "@/lib/memberships/remove-member";
import {
  createVirtualAccount,
  moveVirtualAccount,
  renameVirtualAccount,
} from "@/lib/virtual-accounts/manage";
import { PING_EVENT } from "@/lib/webhooks/events";
import { webhookEvents } from "@/lib/webhooks/rules";

const v1 = path.resolve(import.meta.dirname, "../../app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** The endpoints' route files: not the catch-all that answers 404 for any other path. */
const routeFiles = () =>
  (readdirSync(v1, { recursive: true, encoding: "utf8" }) as string[]).filter(
    (file) => /(^|\/)route\.tsx?$/.test(file) && !file.includes("[..."),
  );
const routeOf = (file: string) =>
  `/${path.dirname(file)}`.replace(/\/\.$/, "").replace(/\[(\w+)\]/g, "{$1}");

/** "GET /requests/{requestId}" for every method every route handler file under app/api/v1 exports. */
function routeOperations(): string[] {
  return routeFiles()
    .flatMap((file) => {
      const source = readFileSync(path.join(v1, file), "utf8");
      const route = routeOf(file);
      return METHODS.filter((method) =>
        new RegExp(`export\\s+(?:const|(?:async\\s+)?function)\\s+${method}\\b`).test(source),
      ).map((method) => `${method} ${route}`);
    })
    .sort();
}

function documentOperations(document: OpenAPIV3_1.Document): string[] {
  return Object.entries(document.paths ?? {})
    .flatMap(([route, item]) =>
      METHODS.filter((method) => item?.[method.toLowerCase() as "get"]).map(
        (method) => `${method} ${route}`,
      ),
    )
    .sort();
}

type Property = { maxLength?: number; format?: string; enum?: unknown[]; const?: unknown };

/** A documented body field's value at its limit and one past it (null: the field has no limit). */
function limitOf(property: Property): [unknown, unknown] | null {
  if (property.format === "date") {
    // A day the end-date rules accept (ahead, within MAX_END_DAYS), then one character more.
    const day = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    return [day, `${day}1`];
  }
  if (property.maxLength !== undefined)
    return ["x".repeat(property.maxLength), "x".repeat(property.maxLength + 1)];
  const values = property.enum ?? ("const" in property ? [property.const] : null);
  if (!values) return null;
  const [first] = values;
  if (typeof first === "number") return [first, Math.max(...(values as number[])) + 1];
  if (typeof first === "boolean") return [first, !first];
  return [first, "NOT_ONE_OF_THEM"];
}

describe("the OpenAPI document of /api/v1", () => {
  it("is a valid OpenAPI 3.1 document (@apidevtools/swagger-parser)", async () => {
    const document = structuredClone(openApiDocument()) as OpenAPIV3_1.Document;
    expect(document.openapi).toBe("3.1.0");
    await expect(SwaggerParser.validate(document as never)).resolves.toBeTruthy();
  });

  it("describes every route handler under app/api/v1, and nothing else", () => {
    const routes = routeOperations();
    expect(routes).toContain("GET /accounts/{accountId}/members/{email}");
    expect(documentOperations(openApiDocument() as OpenAPIV3_1.Document)).toEqual(routes);
  });

  it("publishes as each operation's request body the very schema its handler parses (apiRoute's `body`)", async () => {
    const compared: string[] = [];
    for (const file of routeFiles()) {
      const routeModule: Record<string, unknown> = await import(path.join(v1, file));
      const route = routeOf(file);
      for (const method of METHODS) {
        const handler = routeModule[method] as { body?: unknown } | undefined;
        if (!handler) continue;
        const operation = apiPaths[route]?.[method.toLowerCase() as "post"];
        const requestBody = operation?.requestBody as
          { content: Record<string, { schema?: unknown }> } | undefined;
        // By identity: the same zod object, not one that happens to look alike.
        expect(handler.body, `${method} ${route}`).toBe(
          requestBody?.content["application/json"]?.schema,
        );
        if (handler.body) compared.push(`${method} ${route}`);
      }
    }
    expect(compared.sort()).toEqual([
      "DELETE /accounts/{accountId}/members/{email}",
      "PATCH /accounts/{accountId}/members/{email}",
      "PATCH /accounts/{accountId}/virtual-accounts/{virtualAccountId}",
      "POST /accounts/{accountId}/members",
      "POST /accounts/{accountId}/virtual-accounts",
      "POST /requests/{requestId}/approve",
      "POST /requests/{requestId}/deny",
    ]);
  });

  it("each write's Mutation refuses a body field one past its documented limit and accepts one at it", () => {
    // The Mutation a write runs for a body field, and the id its handler adds from the path.
    const runs: Record<string, (field: string) => [Mutation<ZodType, unknown>, object]> = {
      "post /requests/{requestId}/approve": () => [approveRequest, { requestId: "r" }],
      "post /requests/{requestId}/deny": () => [denyRequest, { requestId: "r" }],
      // A scope change takes approve's terms (changeMemberAccess gets them as an Access).
      "patch /accounts/{accountId}/members/{email}": (field) =>
        field === "scope"
          ? [approveRequest, { requestId: "r" }]
          : [field === "role" ? changeMemberRole : extendMembership, { membershipId: "m" }],
      "delete /accounts/{accountId}/members/{email}": () => [removeMember, { membershipId: "m" }],
      "post /accounts/{accountId}/virtual-accounts": () => [
        createVirtualAccount,
        { accountId: "a" },
      ],
      "patch /accounts/{accountId}/virtual-accounts/{virtualAccountId}": (field) => [
        field === "name" ? renameVirtualAccount : moveVirtualAccount,
        { accountId: "a", virtualAccountId: "v" },
      ],
    };
    const document = openApiDocument() as OpenAPIV3_1.Document;
    const checked: string[] = [];
    for (const [operation, mutationFor] of Object.entries(runs)) {
      const [method, route] = operation.split(" ") as ["post", string];
      const body = document.paths![route]![method]!.requestBody as OpenAPIV3_1.RequestBodyObject;
      const ref = (body.content["application/json"]!.schema as { $ref: string }).$ref;
      const schema = document.components!.schemas![ref.split("/").pop()!]!;
      for (const [field, property] of Object.entries(
        schema.properties as Record<string, Property>,
      )) {
        const limit = limitOf(property);
        if (!limit) continue;
        const [at, past] = limit;
        const [mutation, ids] = mutationFor(field);
        const accepts = (value: unknown) =>
          mutation.input.safeParse({ ...ids, [field]: value }).success;
        expect(
          [accepts(at), accepts(past)],
          `${operation} ${field}: ${String(past).slice(0, 20)}`,
        ).toEqual([true, false]);
        checked.push(`${operation} ${field}`);
      }
    }
    expect(checked.length).toBeGreaterThanOrEqual(7);
  });

  it("names the scope of every protected operation and documents its problems", () => {
    for (const [route, item] of Object.entries(openApiDocument().paths ?? {})) {
      for (const method of ["get", "post", "patch", "delete"] as const) {
        const operation = item?.[method];
        if (!operation || route === "/openapi.json") continue;
        expect(operation.security, `${method} ${route}`).toHaveLength(1);
        const statuses = Object.keys(operation.responses ?? {});
        expect(statuses, `${method} ${route}`).toEqual(
          expect.arrayContaining(["401", "403", "429"]),
        );
        // 200, or 201 for a creation.
        expect(
          statuses.filter((status) => status === "200" || status === "201"),
          `${method} ${route}`,
        ).toHaveLength(1);
      }
    }
  });

  it("lists every webhook event with its payload", () => {
    expect(Object.keys(openApiDocument().webhooks ?? {}).sort()).toEqual(
      [...webhookEvents, PING_EVENT].sort(),
    );
  });
});
