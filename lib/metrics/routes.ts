import { readdirSync } from "node:fs";
import path from "node:path";

/** The label of every path that is none of the app's routes (a scanner's guesses, typos). */
export const UNMATCHED_ROUTE = "unmatched";

export interface RoutePattern {
  /** As the App Router writes it: `/api/v1/requests/[requestId]/approve`. */
  route: string;
  matches: RegExp;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A route of app/ (`/admin/requests/[id]`, `/api/auth/[...nextauth]`) as a pattern of paths. */
export function routePattern(route: string): RoutePattern {
  const segments = route.split("/").filter(Boolean);
  let source = "";
  for (const segment of segments) {
    if (/^\[\[\.\.\..+\]\]$/.test(segment)) source += "(?:/.+)?";
    else if (/^\[\.\.\..+\]$/.test(segment)) source += "/.+";
    else if (/^\[.+\]$/.test(segment)) source += "/[^/]+";
    else source += `/${escape(segment)}`;
  }
  return { route: route || "/", matches: new RegExp(`^${source || "/"}/?$`) };
}

/**
 * The route a path belongs to: the app's own routes first (a static segment wins over a dynamic
 * one, as in the App Router: the patterns are sorted so), then Next's files; UNMATCHED_ROUTE
 * otherwise. A label of bounded cardinality: never the raw path.
 */
export function routeOf(rawPath: string, patterns: readonly RoutePattern[]): string {
  const pathname = rawPath.split(/[?#]/, 1)[0] || "/";
  if (pathname.startsWith("/_next/static/")) return "/_next/static";
  if (pathname.startsWith("/_next/")) return "/_next";
  return patterns.find((pattern) => pattern.matches.test(pathname))?.route ?? UNMATCHED_ROUTE;
}

/** Static segments before dynamic ones, then longer before shorter: the most specific first. */
function specificity(route: string): number[] {
  return route
    .split("/")
    .filter(Boolean)
    .map((segment) => (segment.startsWith("[[") ? 3 : segment.startsWith("[") ? 2 : 1));
}

function bySpecificity(a: RoutePattern, b: RoutePattern): number {
  const [left, right] = [specificity(a.route), specificity(b.route)];
  for (let i = 0; i < Math.min(left.length, right.length); i += 1)
    if (left[i] !== right[i]) return left[i]! - right[i]!;
  return right.length - left.length;
}

const ROUTE_FILE = /^(page|route)\.(tsx|ts|jsx|js)$/;
const METADATA_FILES: Record<string, string> = {
  "manifest.ts": "/manifest.webmanifest",
  "robots.ts": "/robots.txt",
  "sitemap.ts": "/sitemap.xml",
};

/**
 * The routes of the app as the App Router reads them from `app/` (a folder with a page or a route
 * handler; route groups `(x)` and parallel slots `@x` add no segment, `_x` folders are private),
 * its metadata routes, and the files of `public/`. Read from the sources next to the build, which
 * every way this project runs a server has (`npm start`, `next start`, the tests).
 */
export function appRoutes(root: string = process.cwd()): RoutePattern[] {
  const routes: string[] = [];
  const walk = (dir: string, route: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isFile() && ROUTE_FILE.test(entry.name)) routes.push(route || "/");
      else if (entry.isFile() && route === "" && METADATA_FILES[entry.name])
        routes.push(METADATA_FILES[entry.name]!);
      else if (entry.isDirectory() && !entry.name.startsWith("_")) {
        const grouped = /^\(.*\)$/.test(entry.name) || entry.name.startsWith("@");
        walk(path.join(dir, entry.name), grouped ? route : `${route}/${entry.name}`);
      }
    }
  };
  walk(path.join(root, "app"), "");
  const publicFiles = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) publicFiles(path.join(dir, entry.name), `${prefix}/${entry.name}`);
      else routes.push(`${prefix}/${entry.name}`);
    }
  };
  try {
    publicFiles(path.join(root, "public"), "");
  } catch {
    // No public/: nothing to add.
  }
  return [...new Set(routes)].map(routePattern).sort(bySpecificity);
}
