import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import type { OpenAPIV3_1 } from "openapi-types";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";
import { webhookEvents } from "@/lib/webhooks/rules";

const v1 = path.resolve(import.meta.dirname, "../../app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** "GET /requests/{requestId}" for every method every route handler file under app/api/v1 exports. */
function routeOperations(): string[] {
  return (readdirSync(v1, { recursive: true, encoding: "utf8" }) as string[])
    .filter((file) => /(^|\/)route\.tsx?$/.test(file))
    .flatMap((file) => {
      const source = readFileSync(path.join(v1, file), "utf8");
      const route = `/${path.dirname(file)}`.replace(/\/\.$/, "").replace(/\[(\w+)\]/g, "{$1}");
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

  it("names the scope of every protected operation and documents its problems", () => {
    for (const [route, item] of Object.entries(openApiDocument().paths ?? {})) {
      for (const method of ["get", "post", "patch", "delete"] as const) {
        const operation = item?.[method];
        if (!operation || route === "/openapi.json") continue;
        expect(operation.security, `${method} ${route}`).toHaveLength(1);
        expect(Object.keys(operation.responses ?? {}), `${method} ${route}`).toEqual(
          expect.arrayContaining(["200", "401", "403", "429"]),
        );
      }
    }
  });

  it("lists every webhook event with its payload", () => {
    expect(Object.keys(openApiDocument().webhooks ?? {}).sort()).toEqual([...webhookEvents].sort());
  });
});
