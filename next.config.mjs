// @ts-check
// JavaScript, not TypeScript, on purpose: `next start` must transpile a next.config.ts with SWC, which maps Next's
// native SWC binary (~24 MiB resident) into the running console for the rest of its life. Types come from JSDoc and
// are checked by tsc (allowJs/checkJs on this file).

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
  // Next's dev server logs each server action with its arguments, which would print passwords and Harbor
  // secrets. Our own log lines redact them; this one cannot, so it is off.
  logging: { serverFunctions: false },
  // Prisma 7's client (Wasm query compiler + pg) and the native argon2 binding stay out of the server bundle.
  serverExternalPackages: ["@prisma/client", "@prisma/adapter-pg", "pg", "@node-rs/argon2", "pg-boss"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
