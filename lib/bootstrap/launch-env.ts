import { ZServerEnv, formatEnvError, type TServerEnv } from "../env-schema";
import { StartupError } from "./startup-error";

/** Stands in for an unset DATABASE_URL while validating: the launcher starts the embedded database after this check. */
const EMBEDDED_PLACEHOLDER = "postgresql://embedded.invalid/console";

/**
 * The whole environment, checked before anything starts: the console's settings (env-schema.ts) and the launcher's
 * own (PORT, HOSTNAME, CONSOLE_SEED_INSTANCES, CONSOLE_MAX_HEAP_MB…), with the keys the launcher resolved (given or
 * generated for development). A bad value stops the start, naming the variable and its rule; values are not quoted,
 * as some are secrets.
 */
export function validateLaunchEnv(opts: { env: Record<string, string | undefined>; encryptionKey: string; authSecret: string }): TServerEnv {
  const parsed = ZServerEnv.safeParse({
    ...opts.env,
    DATABASE_URL: opts.env.DATABASE_URL || EMBEDDED_PLACEHOLDER,
    CONSOLE_ENCRYPTION_KEY: opts.encryptionKey,
    NEXTAUTH_SECRET: opts.authSecret,
  });
  if (!parsed.success) throw new StartupError(`Invalid console configuration:\n${formatEnvError(parsed.error)}`);
  return parsed.data;
}
