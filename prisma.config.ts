import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma's CLI downloads its native schema engine from outside npm before any command; that fails
// offline. This shim speaks the same protocol backed by @prisma/schema-engine-wasm (see prisma/engine).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(__dirname, "prisma/engine/schema-engine-shim.mjs");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // not env("DATABASE_URL"): that throws when unset, which breaks `prisma generate` on a fresh clone
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
