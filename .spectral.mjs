/*
 * Spectral's rules for /api/v1's OpenAPI document (lib/api/openapi.ts): the OpenAPI ruleset and the
 * OWASP API Security Top 10 (2023) one, run by tests/unit/openapi-lint.test.ts. Where a rule does
 * not fit this API it is turned off or narrowed below, each with its reason.
 */
import owasp from "@stoplight/spectral-owasp-ruleset";
import { oas } from "@stoplight/spectral-rulesets";

/**
 * The schemas of what a client sends: parameters, and request bodies (resolved, so a body's
 * `$ref` to components is followed) — of the paths only: webhooks are what the portal sends.
 */
const sent = (filter) => [
  `$.paths[*][*].parameters[*]..[?(${filter})]`,
  `$.paths[*][*].requestBody..[?(${filter})]`,
];
/** A schema of that type, or of several types with it (3.1: `["string", "null"]`), as OWASP's aliases say it. */
const typed = (type) =>
  `@ && (@.type === "${type}" || (@.type && @.type.constructor.name === "Array" && @.type.includes("${type}")))`;

/** An OWASP rule checked on what a client sends only (see `sent`). */
const onSent = (name, type) => ({ ...owasp.rules[name], given: sent(typed(type)) });

const ruleset = {
  extends: [oas, owasp],
  rules: {
    /*
     * Limits and formats matter on input, where they stop oversized or unexpected values at the
     * door (and the handlers enforce them: tests/integration/api-documented-limits.test.ts). On
     * response fields and webhook payloads, written by the portal, a limit would promise nothing a
     * client can rely on; these rules look at parameters and request bodies only.
     */
    "owasp:api4:2023-string-limit": onSent("owasp:api4:2023-string-limit", "string"),
    "owasp:api4:2023-string-restricted": onSent("owasp:api4:2023-string-restricted", "string"),
    "owasp:api4:2023-array-limit": onSent("owasp:api4:2023-array-limit", "array"),
    "owasp:api4:2023-integer-limit": onSent("owasp:api4:2023-integer-limit", "integer"),
    "owasp:api4:2023-integer-format": onSent("owasp:api4:2023-integer-format", "integer"),
    /*
     * RateLimit-* headers: the portal sends them with the refusal, 429 (with Retry-After), where a
     * client needs them to back off; not on every answer. 401 and 403 come before any limit is
     * spent (no token, or the wrong scope).
     */
    "owasp:api4:2023-rate-limit": {
      ...owasp.rules["owasp:api4:2023-rate-limit"],
      given: "$.paths[*][*].responses[429]",
    },
    /*
     * No CORS: the API is for servers holding a token, a browser on another origin may not call
     * it, so no response carries Access-Control-Allow-Origin (its absence is the refusal).
     */
    "owasp:api8:2023-define-cors-origin": "off",
  },
};

export default ruleset;
