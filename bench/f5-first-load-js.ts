/**
 * F5: the JavaScript a browser downloads to show a requester page the first time. The page is
 * fetched signed in, exactly as served; every `<script src>` it loads (noModule ones excepted: a
 * modern browser skips them) is fetched with `Accept-Encoding: gzip` and its bytes on the wire are
 * added up. Inline scripts (the page's RSC payload, data rather than code) are reported apart, and
 * so is the framework's share: the chunks every App Router page loads (the build manifest's
 * rootMainFiles: React, React DOM, the Next.js router, the Turbopack runtime).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { request } from "./http";
import { BENCH_DIST_DIR } from "./server";
import { kB, type Report } from "./report";

/** The app's own JavaScript beyond the framework's, on each requester page. */
const APP_GOAL_BYTES = 20_000;

export interface PageWeight {
  path: string;
  scripts: { src: string; gzip: number; raw: number }[];
  gzipTotal: number;
  rawTotal: number;
  frameworkGzip: number;
  inlineGzip: number;
}

function frameworkChunks(): Set<string> {
  const manifest = JSON.parse(
    readFileSync(path.join(BENCH_DIST_DIR, "build-manifest.json"), "utf8"),
  ) as { rootMainFiles: string[] };
  return new Set(manifest.rootMainFiles.map((file) => `/_next/${file}`));
}

async function weigh(baseUrl: string, pagePath: string, cookie: string): Promise<PageWeight> {
  const page = await request(`${baseUrl}${pagePath}`, { headers: { cookie } });
  if (page.status !== 200) throw new Error(`F5: ${pagePath} answered ${page.status}`);
  const html = page.body.toString("utf8");
  const sources = new Set<string>();
  let inline = "";
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const attributes = match[1]!;
    const src = /\bsrc="([^"]+)"/.exec(attributes)?.[1];
    if (/\bnoModule\b/i.test(attributes)) continue;
    if (src) sources.add(src.replaceAll("&amp;", "&"));
    else inline += match[2];
  }
  const scripts = [];
  for (const src of sources) {
    const response = await request(new URL(src, baseUrl).toString(), {
      headers: { "accept-encoding": "gzip" },
    });
    if (response.status !== 200) throw new Error(`F5: ${src} answered ${response.status}`);
    const gzipped = response.headers["content-encoding"] === "gzip";
    const raw = gzipped ? gunzipSync(response.body) : response.body;
    scripts.push({
      src,
      gzip: gzipped ? response.body.length : gzipSync(raw).length,
      raw: raw.length,
    });
  }
  const framework = frameworkChunks();
  return {
    path: pagePath,
    scripts,
    frameworkGzip: scripts
      .filter((script) => framework.has(script.src))
      .reduce((sum, script) => sum + script.gzip, 0),
    gzipTotal: scripts.reduce((sum, script) => sum + script.gzip, 0),
    rawTotal: scripts.reduce((sum, script) => sum + script.raw, 0),
    inlineGzip: gzipSync(inline).length,
  };
}

export async function runF5(
  input: { baseUrl: string; cookie: string; paths: string[] },
  report: Report,
): Promise<void> {
  const weights: PageWeight[] = [];
  for (const pagePath of input.paths) {
    const weight = await weigh(input.baseUrl, pagePath, input.cookie);
    weights.push(weight);
    report.add({
      figure: "F5",
      what: `first-load JS, ${pagePath}`,
      goal: `app ≤ ${kB(APP_GOAL_BYTES)} gzip beyond the framework`,
      measured:
        `${kB(weight.gzipTotal - weight.frameworkGzip)} app + ${kB(weight.frameworkGzip)} framework = ${kB(weight.gzipTotal)} gzip ` +
        `in ${weight.scripts.length} scripts (+ ${kB(weight.inlineGzip)} inline RSC data)`,
      pass: weight.gzipTotal - weight.frameworkGzip <= APP_GOAL_BYTES,
    });
  }
  report.detail("f5", weights);
}
