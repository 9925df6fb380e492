import "server-only";
import { ZServerEnv, formatEnvError, parseEncryptionKey, type TServerEnv } from "./env-schema";

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

export function oidcEnabled(): boolean {
  const e = env();
  return Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
}
