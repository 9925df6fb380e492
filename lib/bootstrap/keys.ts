import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseEncryptionKey, parsePreviousKeys } from "../env-schema";
import { StartupError } from "./embedded-postgres";

interface KeyOptions {
  dataDir: string;
  production: boolean;
  log: (line: string) => void;
  /** false: use the development key if there is one, never generate it (`npm run keys` reads secrets, it makes none) */
  create?: boolean;
}

function readOrCreate(file: string, make: () => string): { value: string; created: boolean } {
  if (fs.existsSync(file)) return { value: fs.readFileSync(file, "utf8").trim(), created: false };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const value = make();
  fs.writeFileSync(file, value + "\n", { mode: 0o600 });
  return { value, created: true };
}

/**
 * CONSOLE_ENCRYPTION_KEY: required and well-formed in production; in development, generated once into
 * the data folder (with a warning) so that secrets stored there stay readable across restarts.
 */
export function ensureEncryptionKey({ dataDir, production, log, create = true }: KeyOptions): string {
  const given = process.env.CONSOLE_ENCRYPTION_KEY;
  if (given !== undefined && given !== "") {
    if (!parseEncryptionKey(given)) {
      throw new StartupError(
        "CONSOLE_ENCRYPTION_KEY is malformed: it must be 32 random bytes as base64 (44 chars) or hex (64 chars). Generate one with: openssl rand -base64 32",
      );
    }
    return given.trim();
  }
  if (production) {
    throw new StartupError(
      "CONSOLE_ENCRYPTION_KEY is not set. In production the key that encrypts Harbor credentials must come from the environment.\n" +
        "Generate one with: openssl rand -base64 32 — and keep it safe: without it stored credentials cannot be read.",
    );
  }
  const file = path.join(dataDir, "encryption.key");
  if (!create && !fs.existsSync(file)) {
    throw new StartupError(
      `CONSOLE_ENCRYPTION_KEY is not set and there is no development key in ${file}: set CONSOLE_ENCRYPTION_KEY to the key the console runs with.`,
    );
  }
  const { value, created } = readOrCreate(file, () => crypto.randomBytes(32).toString("base64"));
  if (!parseEncryptionKey(value)) throw new StartupError(`${file} does not hold a valid key. Restore it, or set CONSOLE_ENCRYPTION_KEY.`);
  log(
    created
      ? `WARNING: CONSOLE_ENCRYPTION_KEY is not set; generated a development key in ${file}. Set CONSOLE_ENCRYPTION_KEY in production.`
      : `WARNING: CONSOLE_ENCRYPTION_KEY is not set; using the development key in ${file}.`,
  );
  return value;
}

/** CONSOLE_ENCRYPTION_KEY_PREVIOUS, checked against the current key: one StartupError naming every bad entry. */
export function previousEncryptionKeys(current: string): Buffer[] {
  const { keys, errors } = parsePreviousKeys(process.env.CONSOLE_ENCRYPTION_KEY_PREVIOUS, current);
  if (errors.length) throw new StartupError(errors.join("\n"));
  return keys;
}

/** NEXTAUTH_SECRET signs session tokens: required in production, generated once for development. */
export function ensureAuthSecret({ dataDir, production, log }: KeyOptions): string {
  const given = process.env.NEXTAUTH_SECRET;
  if (given) {
    if (given.length < 32) throw new StartupError("NEXTAUTH_SECRET must be at least 32 characters. Generate one with: openssl rand -base64 32");
    return given;
  }
  if (production) throw new StartupError("NEXTAUTH_SECRET is not set. Generate one with: openssl rand -base64 32");
  const file = path.join(dataDir, "auth-secret");
  const { value, created } = readOrCreate(file, () => crypto.randomBytes(32).toString("base64url"));
  if (value.length < 32)
    throw new StartupError(`${file} does not hold a valid session secret (too short). Delete it to generate a new one, or set NEXTAUTH_SECRET.`);
  if (created) log(`Generated a development session secret in ${file}. Set NEXTAUTH_SECRET in production.`);
  return value;
}
