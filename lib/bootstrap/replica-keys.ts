import pg from "pg";
import { checkKeys, recordKeys, type MissingKey } from "../security/key-canary";
import { keyId, type Keyring } from "../security/secrets";
import { StartupError } from "./startup-error";

const LOCK = "harbor-fleet-console key canary";

/**
 * At every start, before the console serves or polls anything: this replica must open every secret in the database
 * and sign sessions with the same NEXTAUTH_SECRET as the others (lib/security/key-canary.ts). Otherwise the start
 * stops, naming the key ids it lacks and the variable to set. When it passes, the current key's canary and the session
 * fingerprint are recorded, in the same transaction (serialised across replicas starting at once).
 */
export async function checkReplicaKeys(o: {
  databaseUrl: string;
  keyring: Keyring;
  authSecret: string;
  lostKeyIds?: string[];
  log: (line: string) => void;
}): Promise<void> {
  const client = new pg.Client({ connectionString: o.databaseUrl, application_name: "harbor-fleet-console start" });
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query("begin");
    await client.query("select pg_advisory_xact_lock(hashtext($1))", [LOCK]);
    const check = await checkKeys(client, o);
    const problems = [
      ...(check.missing.length ? [missingKeysText(check.missing, keyId(o.keyring.current))] : []),
      ...(check.session === "differs" ? [sessionText(check.sessionRecordedAt)] : []),
    ];
    if (problems.length) {
      await client.query("rollback");
      throw new StartupError(problems.join("\n\n"));
    }
    if (check.lost.length) {
      o.log(
        `WARNING: starting without the encryption key${check.lost.length > 1 ? "s" : ""} ${check.lost.map((k) => k.keyId).join(", ")} (CONSOLE_LOST_ENCRYPTION_KEYS): the secrets ${check.lost.length > 1 ? "they" : "it"} sealed cannot be opened; enter them again.`,
      );
    }
    await recordKeys(client, { keyring: o.keyring, authSecret: o.authSecret });
    await client.query("commit");
  } catch (e) {
    await client.query("rollback").catch(() => {});
    throw e;
  } finally {
    await client.end().catch(() => {});
  }
}

function missingKeysText(missing: MissingKey[], current: string): string {
  const list = missing.map((k) => `${k.keyId}${k.secrets ? ` (${k.secrets} secret${k.secrets === 1 ? "" : "s"})` : ""}`).join(", ");
  const one = missing.length === 1;
  return (
    `this database holds secrets sealed with encryption key${one ? "" : "s"} ${list}, which this replica does not have (its CONSOLE_ENCRYPTION_KEY has id ${current}). ` +
    `Set CONSOLE_ENCRYPTION_KEY to the key the other replicas run with — during a rotation, put the older key into CONSOLE_ENCRYPTION_KEY_PREVIOUS. ` +
    `\`npm run keys -- status\` lists what each key seals. Only if ${one ? "that key is" : "those keys are"} lost for good: CONSOLE_LOST_ENCRYPTION_KEYS=${missing.map((k) => k.keyId).join(",")} starts without ${one ? "it" : "them"}, and the secrets ${one ? "it" : "they"} sealed must be entered again.`
  );
}

function sessionText(recordedAt: Date | null): string {
  return (
    `NEXTAUTH_SECRET differs from the session secret this database's replicas sign sessions with (its fingerprint was recorded${recordedAt ? ` ${recordedAt.toISOString()}` : ""}): ` +
    `a session from another replica would be refused here. Set NEXTAUTH_SECRET to the same value on every replica. ` +
    `If you changed it on purpose (every session then ends), run \`npm run keys -- accept-session-secret\` with the new NEXTAUTH_SECRET first.`
  );
}
