import type { NextConfig } from "next";

const config: NextConfig = {
  reactStrictMode: true,
  // `npm test` builds into its own folder so a running `npm start` keeps .next/.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // forbidden() and app/**/forbidden.tsx: the access gate answers 403 pages with them.
  experimental: { authInterrupts: true },
  // Native or Node-only packages stay out of the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "@temporalio/client", "pg", "@prisma/adapter-pg", "nodemailer", "quickjs-emscripten", "esbuild"],
  // Type errors fail `npm test` (test/unit/static-checks.test.ts), not `npm start`.
  typescript: { ignoreBuildErrors: true },
};

export default config;
