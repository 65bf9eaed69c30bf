import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clientNamespaces, pickMessages, type ClientArea } from "@/lib/i18n/client-messages";
import { catalogs } from "@/lib/i18n/messages";

const root = path.resolve(import.meta.dirname, "../..");

/** Where each client component is rendered, i.e. which provider's messages it sees. */
function areaOf(file: string): ClientArea | "shared" {
  if (file === "app/error.tsx" || /^components\/app-menu(-panel)?\.tsx$/.test(file))
    return "layout";
  // The profile form is shown on /profile and inline on /requests/new, both under the requests provider.
  if (file.startsWith("components/requests/") || file.startsWith("components/profile/"))
    return "requests";
  if (file.startsWith("components/admin/")) return "admin";
  // The virtual-accounts page, the scope picker and the other virtual-account pieces: under /admin.
  if (file.startsWith("components/virtual-accounts/")) return "admin";
  if (file.startsWith("components/accounts/")) return "accounts";
  // Shared by the members page (admin) and Your accounts: checked against the smaller of the two, whose namespaces admin also has.
  if (file.startsWith("components/memberships/")) return "accounts";
  if (file.startsWith("components/support/")) return "support";
  if (file.startsWith("components/integrations/")) return "integrations";
  // The insights charts are given their texts by the page: only the root layout's messages.
  if (file.startsWith("components/insights/")) return "layout";
  if (file === "components/sign-in-form.tsx") return "signIn";
  if (file === "components/sign-out-form.tsx") return "signOut";
  if (file.startsWith("components/ui/")) return "shared"; // shared pieces: checked through their callers (use-action-messages) or given their texts
  throw new Error(
    `${file} is a client component of no known area: add it to areaOf and to clientNamespaces`,
  );
}

function clientComponents(): { file: string; source: string }[] {
  return ["app", "components"]
    .flatMap((dir) =>
      readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" }).map(
        (file) => `${dir}/${file}`,
      ),
    )
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => ({ file, source: readFileSync(path.join(root, file), "utf8") }))
    .filter(({ source }) => /^["']use client["'];/m.test(source));
}

/** Top-level namespaces a file translates with: useTranslations("ns.sub"), and the action messages hook. */
function namespacesUsed(source: string): string[] {
  const used = [...source.matchAll(/useTranslations\(\s*["']([\w.]+)["']/g)].map(
    (match) => match[1]!.split(".")[0]!,
  );
  for (const match of source.matchAll(/useActionMessages\(\s*["'](\w+)["']/g))
    used.push(match[1]!, "errors");
  return [...new Set(used)];
}

describe("messages sent to the browser", () => {
  it("every client component finds the namespaces it translates in its area's provider", () => {
    const components = clientComponents();
    expect(components.map(({ file }) => file)).toContain(
      "components/requests/request-access-flow.tsx",
    );
    const missing = components.flatMap(({ file, source }) => {
      const area = areaOf(file.split(path.sep).join("/"));
      if (area === "shared") return [];
      const given: readonly string[] = clientNamespaces[area];
      return namespacesUsed(source)
        .filter((namespace) => !given.includes(namespace))
        .map((namespace) => `${file} (${area}) needs ${namespace}`);
    });
    expect(missing).toEqual([]);
  });

  it("picks whole namespaces and nothing else", () => {
    const picked = pickMessages(catalogs.fr, clientNamespaces.requests);
    expect(Object.keys(picked).sort()).toEqual(["errors", "requests"]);
    expect(picked.requests).toEqual(catalogs.fr.requests);
  });
});
