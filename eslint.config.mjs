import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Imports point one way: app → components → lib/actions → lib/fleet → lib/db. Pure cores stay pure.
const boundaries = {
  "import/no-restricted-paths": [
    "error",
    {
      zones: [
        { target: "./lib", from: ["./app", "./components"], message: "lib/ must not depend on the UI." },
        { target: "./components", from: "./app", message: "components/ must not import routes." },
        {
          target: "./components/ui",
          from: ["./lib/actions", "./lib/fleet", "./lib/db.ts", "./lib/auth.ts", "./lib/auth-options.ts", "./lib/auth-credentials.ts", "./lib/auth-oidc.ts"],
          message: "UI primitives hold no domain or data access.",
        },
        { target: "./components", from: ["./lib/fleet", "./lib/db.ts"], message: "Components reach data through server actions or pages, not lib/fleet." },
        {
          target: "./lib/fleet",
          from: ["./lib/actions", "./lib/auth.ts", "./lib/auth-options.ts", "./lib/auth-credentials.ts", "./lib/auth-oidc.ts"],
          message: "The domain does not know about actions or sessions.",
        },
        {
          target: ["./lib/schemas", "./lib/security"],
          from: ["./lib/fleet", "./lib/actions", "./lib/db.ts", "./lib/auth.ts", "./lib/auth-options.ts", "./lib/auth-credentials.ts", "./lib/auth-oidc.ts"],
          message: "Leaf modules stay leaves.",
        },
        {
          target: ["./lib/config", "./lib/upgrade"],
          from: [
            "./lib/fleet",
            "./lib/actions",
            "./lib/db.ts",
            "./lib/auth.ts",
            "./lib/auth-options.ts",
            "./lib/auth-credentials.ts",
            "./lib/auth-oidc.ts",
            "./lib/env.ts",
            "./lib/bootstrap",
            "./lib/cli",
          ],
          message: "The pure cores (lib/config, lib/upgrade) do no I/O and know nothing of the database, sessions or env.",
        },
        {
          target: "./lib/releases",
          from: [
            "./lib/fleet",
            "./lib/actions",
            "./lib/harbor",
            "./lib/config",
            "./lib/upgrade",
            "./lib/schemas",
            "./lib/db.ts",
            "./lib/auth.ts",
            "./lib/auth-options.ts",
            "./lib/auth-credentials.ts",
            "./lib/auth-oidc.ts",
            "./lib/env.ts",
            "./lib/bootstrap",
            "./lib/cli",
          ],
          message: "lib/releases is the leaf every layer reads Harbor release facts from: it imports nothing from lib/.",
        },
      ],
    },
  ],
  // zod's named `z` is a namespace object that bundlers keep whole (every locale, JSON Schema conversion): ~90 KiB
  // compressed in every page that validates in the browser, against ~25 KiB for the namespace import (issue #19).
  "no-restricted-syntax": [
    "error",
    {
      selector: "ImportDeclaration[source.value='zod'][importKind!='type'] > ImportSpecifier[imported.name='z']",
      message: 'Write `import * as z from "zod"`: the named `z` takes all of zod into client bundles.',
    },
  ],
  // Configuration comes from lib/env.ts (validated); the launcher and tests set it up.
  "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through lib/env.ts." }],
};

const config = [
  ...nextVitals,
  ...nextTs,
  { rules: boundaries },
  {
    files: ["lib/config/**", "lib/upgrade/**", "lib/releases/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["node:*", "fs", "path", "child_process", "server-only"], message: "lib/config, lib/upgrade and lib/releases are pure: no I/O." },
          ],
        },
      ],
    },
  },
  {
    files: [
      "lib/env.ts",
      "lib/db.ts",
      "lib/log.ts",
      "lib/bootstrap/**",
      "lib/harbor/probe-cli.ts",
      "lib/cli/**",
      "instrumentation.ts",
      "test/**",
      "*.config.*",
      "prisma.config.ts",
    ],
    rules: { "no-restricted-properties": "off" },
  },
  { ignores: [".next/**", "node_modules/**", "lib/generated/**", "prisma/engine/**", "test-results/**", ".data/**", "next-env.d.ts"] },
];

export default config;
