import "server-only";
import { ZServerEnv, formatEnvError, parseEncryptionKey, parsePreviousKeys, type TServerEnv } from "./env-schema";

let cached: TServerEnv | null = null;

/** The validated environment. The only place outside lib/bootstrap that reads process.env. */
export function env(): TServerEnv {
  if (cached) return cached;
  const parsed = ZServerEnv.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid console configuration:\n${formatEnvError(parsed.error)}`);
  }
  cached = parsed.data;
  return cached;
}

export function encryptionKey(): Buffer {
  return parseEncryptionKey(env().CONSOLE_ENCRYPTION_KEY)!;
}

/** CONSOLE_ENCRYPTION_KEY_PREVIOUS: keys that still open secrets sealed before a rotation (never used to seal). */
export function previousEncryptionKeys(): Buffer[] {
  return parsePreviousKeys(env().CONSOLE_ENCRYPTION_KEY_PREVIOUS).keys;
}

export function oidcEnabled(): boolean {
  const e = env();
  return Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
}
