// @ts-check
// JavaScript, not TypeScript, on purpose: `next start` must transpile a next.config.ts with SWC, which maps Next's
// native SWC binary (~24 MiB resident) into the running console for the rest of its life. Types come from JSDoc and
// are checked by tsc (allowJs/checkJs on this file).
import { allowedDevOrigins } from "./lib/bootstrap/dev-origins.mjs";

const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/** @type {import("next").NextConfig} */
const nextConfig = {
  // Every console page is per-user and live; Cache Components stays off deliberately.
  poweredByHeader: false,
  devIndicators: { position: "bottom-right" },
  // `npm run dev` serves its scripts to loopback, this machine's names and addresses, and CONSOLE_ALLOWED_DEV_ORIGINS;
  // any other host gets pages that never start (see lib/bootstrap/dev-origins.mjs). Development only.
  allowedDevOrigins: allowedDevOrigins(process.env.CONSOLE_ALLOWED_DEV_ORIGINS),
  // Next's dev server logs each server action with its arguments, which would print passwords and Harbor
  // secrets. Our own log lines redact them; this one cannot, so it is off.
  logging: { serverFunctions: false },
  // Prisma 7's client (Wasm query compiler + pg) and the native argon2 binding stay out of the server bundle.
  serverExternalPackages: ["@prisma/client", "@prisma/adapter-pg", "pg", "@node-rs/argon2", "pg-boss"],
  experimental: {
    // Request bodies, bounded before any parsing (issue #14, finding 2). The largest legitimate action body is a
    // harbor.yml upload: at most 256 KiB of text (checked in the browser, by ZConfigDiffInput and by
    // inspectHarborYml), at most twice that as a JSON string. A bigger body is refused before it is decoded (Next's
    // 413, which it answers to a fetch action as a 500).
    serverActions: { bodySizeLimit: "600kb" },
    // proxy.ts sees every request, so Next buffers each body for it: up to 10 MB by default, per request. Above the
    // action limit (a truncated action body must still count as too big), far below the default.
    proxyClientMaxBodySize: "1mb",
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
