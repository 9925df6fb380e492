import * as z from "zod";
import { ZOutboundAllowText } from "./schemas/settings";

/** 32 random bytes, as base64 (44 chars) or hex (64 chars). */
export function parseEncryptionKey(raw: string): Buffer | null {
  const s = raw.trim();
  if (/^[0-9a-fA-F]{64}$/.test(s)) return Buffer.from(s, "hex");
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(s)) {
    const b = Buffer.from(s.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    return b.length === 32 ? b : null;
  }
  return null;
}

/**
 * CONSOLE_ENCRYPTION_KEY_PREVIOUS: keys that still open secrets sealed before a rotation, comma separated, each in
 * CONSOLE_ENCRYPTION_KEY's format. Blank entries (a trailing comma) are ignored; positions count from 1 in the
 * written list. A previous key equal to the current one is refused. Messages never quote a key.
 */
export function parsePreviousKeys(raw: string | undefined, current?: string): { keys: Buffer[]; errors: string[] } {
  const entries = (raw ?? "").split(",").map((e) => e.trim());
  if (entries.every((e) => e === "")) return { keys: [], errors: [] };
  const currentKey = current === undefined ? null : parseEncryptionKey(current);
  const keys: Buffer[] = [];
  const errors: string[] = [];
  entries.forEach((entry, i) => {
    if (entry === "") return;
    const at = `CONSOLE_ENCRYPTION_KEY_PREVIOUS entry ${i + 1} of ${entries.length}`;
    const key = parseEncryptionKey(entry);
    if (!key) errors.push(`${at} is not a key: each must be 32 random bytes as base64 (44 chars) or hex (64 chars), like CONSOLE_ENCRYPTION_KEY`);
    else if (currentKey?.equals(key)) errors.push(`${at} is the current CONSOLE_ENCRYPTION_KEY: a previous key must differ from it`);
    else keys.push(key);
  });
  return { keys, errors };
}

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined));

const blankIsUnset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** An unset or blank variable takes the default, like the string settings. The message states the rule. */
const intWithDefault = (def: number, min: number, max: number) =>
  z.preprocess(
    blankIsUnset,
    z.coerce
      .number({ error: `must be a whole number from ${min} to ${max}` })
      .int({ error: `must be a whole number from ${min} to ${max}` })
      .min(min, { error: `must be at least ${min}` })
      .max(max, { error: `must be at most ${max}` })
      .optional()
      .default(def),
  );

/** The launcher's own settings: read by lib/bootstrap/cli.ts, validated with the rest so that a bad one stops the start. */
const ZLauncherEnv = {
  PORT: intWithDefault(3000, 1, 65535),
  /** The address Next.js listens on (HOSTNAME, as Next reads it): an IP address or a host name, no scheme or port. */
  HOSTNAME: optionalString
    .pipe(
      z
        .string()
        .regex(/^(\[[0-9a-fA-F:.]+\]|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*|[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?)$/, {
          error: "must be an IP address or a host name to listen on (e.g. 0.0.0.0, ::, 127.0.0.1), without scheme or port",
        })
        .optional(),
    )
    .transform((v) => v ?? "0.0.0.0"),
  EMBEDDED_PG_PORT: intWithDefault(54320, 1, 65535),
  CONSOLE_DATA_DIR: optionalString,
  /** A YAML file of instances to register at start (seed-instances.ts). */
  CONSOLE_SEED_INSTANCES: optionalString,
  /** The Next.js process's heap cap in MB (heap.ts); unset: `start` 256, `dev` none. */
  CONSOLE_MAX_HEAP_MB: z.preprocess(
    blankIsUnset,
    z.coerce
      .number({ error: "must be a whole number of megabytes, at least 64" })
      .int({ error: "must be a whole number of megabytes, at least 64" })
      .min(64, { error: "must be a whole number of megabytes, at least 64" })
      .max(1_048_576, { error: "must be at most 1048576 (1 TB)" })
      .optional(),
  ),
  /** Ids of encryption keys declared lost (comma separated, as `npm run keys -- status` shows them): the start goes on without them. */
  CONSOLE_LOST_ENCRYPTION_KEYS: optionalString
    .pipe(
      z
        .string()
        .regex(/^\s*[0-9a-f]{8}\s*(,\s*[0-9a-f]{8}\s*)*,?\s*$/, {
          error: "must be key ids (8 hex characters each, as `npm run keys -- status` shows them), comma separated",
        })
        .optional(),
    )
    .transform((v) =>
      (v ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  /** On SIGTERM: how long polls in flight may take to finish before they are handed back to other replicas. */
  CONSOLE_DRAIN_SECONDS: intWithDefault(25, 1, 600),
};

/** Everything the running console reads from its environment. The launcher fills in development defaults. */
export const ZServerEnv = z
  .object({
    ...ZLauncherEnv,
    NODE_ENV: z.enum(["development", "production", "test"]).optional().default("development"),
    DATABASE_URL: z.string({ error: "DATABASE_URL is required" }).regex(/^postgres(ql)?:\/\//, {
      error: "DATABASE_URL must be a postgresql:// connection string",
    }),
    CONSOLE_ENCRYPTION_KEY: z.string({ error: "CONSOLE_ENCRYPTION_KEY is required" }).refine((v) => parseEncryptionKey(v) !== null, {
      error: "CONSOLE_ENCRYPTION_KEY must be 32 random bytes as base64 (44 chars) or hex (64 chars); generate one with: openssl rand -base64 32",
    }),
    /** Keys of before a rotation, still accepted for opening secrets; compared with the current key below. */
    CONSOLE_ENCRYPTION_KEY_PREVIOUS: optionalString.superRefine((v, ctx) => {
      for (const message of parsePreviousKeys(v).errors) ctx.addIssue({ code: "custom", message });
    }),
    NEXTAUTH_SECRET: z.string({ error: "NEXTAUTH_SECRET is required" }).min(32, { error: "NEXTAUTH_SECRET must be at least 32 characters" }),
    NEXTAUTH_URL: optionalString,
    /** next-auth takes its origin from each request when NEXTAUTH_URL is unset (`npm run dev` sets it). It reads any value, "false" included, as on. */
    AUTH_TRUST_HOST: optionalString
      .pipe(z.enum(["true", "1"], { error: "AUTH_TRUST_HOST must be true or unset (next-auth takes any value, false included, as true)" }).optional())
      .transform((v) => v !== undefined),
    /** Host names `npm run dev` also serves its scripts to (read by next.config.mjs; here so the login page can tell). */
    CONSOLE_ALLOWED_DEV_ORIGINS: optionalString,
    SESSION_MAX_AGE_HOURS: intWithDefault(8, 1, 24 * 30),
    LOGIN_MAX_FAILURES: intWithDefault(5, 1, 100),
    LOGIN_LOCK_SECONDS: intWithDefault(60, 1, 24 * 3600),
    LOGIN_ADDRESS_MAX_FAILURES: intWithDefault(30, 1, 100_000),
    LOGIN_ADDRESS_WINDOW_SECONDS: intWithDefault(15 * 60, 60, 24 * 3600),
    LOGIN_ADDRESS_LOCK_SECONDS: intWithDefault(5 * 60, 1, 24 * 3600),
    /** Proxies in front of the console that append to X-Forwarded-For (0: clients connect directly). */
    TRUST_PROXY: intWithDefault(0, 0, 10),
    OIDC_ISSUER: optionalString.pipe(z.url({ error: "OIDC_ISSUER must be a URL" }).optional()),
    OIDC_CLIENT_ID: optionalString,
    OIDC_CLIENT_SECRET: optionalString,
    OIDC_NAME: optionalString.transform((v) => v ?? "Single sign-on"),
    OIDC_DEFAULT_ROLE: z.enum(["viewer", "operator", "admin"]).optional().default("viewer"),
    COLLECTOR_ENABLED: z.enum(["true", "false"]).optional().default("true"),
    COLLECTOR_INTERVAL_SECONDS: intWithDefault(60, 60, 24 * 3600),
    COLLECTOR_CONCURRENCY: intWithDefault(64, 1, 512),
    COLLECTOR_TIMEOUT_SECONDS: intWithDefault(10, 1, 120),
    COLLECTOR_RETENTION_DAYS: intWithDefault(14, 1, 3650),
    /** How often the collector re-reads every instance's webhook policies (the fleet Webhooks page), in minutes. */
    WEBHOOK_INVENTORY_MINUTES: intWithDefault(15, 1, 24 * 60),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).optional().default("info"),
    /** Addresses/CIDR ranges the console may connect to although refused by default (loopback, link-local…); comma separated. */
    CONSOLE_OUTBOUND_ALLOW: optionalString.pipe(ZOutboundAllowText.optional()).transform((v) => v ?? []),
    /** Addresses/CIDR ranges webhook test deliveries may reach although private or refused (empty: public addresses only). */
    CONSOLE_WEBHOOK_TEST_ALLOW: optionalString.pipe(ZOutboundAllowText.optional()).transform((v) => v ?? []),
  })
  .superRefine((env, ctx) => {
    // the field reported the malformed entries already; here only what needs the current key
    const malformed = new Set(parsePreviousKeys(env.CONSOLE_ENCRYPTION_KEY_PREVIOUS).errors);
    for (const message of parsePreviousKeys(env.CONSOLE_ENCRYPTION_KEY_PREVIOUS, env.CONSOLE_ENCRYPTION_KEY).errors) {
      if (!malformed.has(message)) ctx.addIssue({ code: "custom", path: ["CONSOLE_ENCRYPTION_KEY_PREVIOUS"], message });
    }
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({ code: "custom", path: ["OIDC_ISSUER"], message: "OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together" });
    }
  });

export type TServerEnv = z.infer<typeof ZServerEnv>;

export function formatEnvError(error: z.ZodError): string {
  return error.issues.map((i) => `  - ${i.path.join(".") || "env"}: ${i.message}`).join("\n");
}
