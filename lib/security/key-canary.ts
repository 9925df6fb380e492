import crypto from "node:crypto";
import { ENVELOPE_KEY_ID_SQL, SECRET_COLUMNS } from "./secret-columns";
import { decryptSecret, encryptSecret, keyId, SecretDecryptionError, type Keyring } from "./secrets";

/**
 * What a replica must hold to join a database (table KeyCanary). `encryption:<keyId>` holds a fixed text sealed with
 * each key that sealed secrets here; `session-secret` an HMAC of a fixed label keyed with NEXTAUTH_SECRET (the secret
 * itself is never stored). Works on any `query` (a pg client in the launcher's transaction, the rotation's pool).
 */
export interface Queryable {
  query<R extends object>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

const CANARY_TEXT = "harbor-fleet-console key canary v1";
const SESSION_LABEL = "harbor-fleet-console session secret fingerprint v1";
const SESSION_ID = "session-secret";
const encryptionId = (kid: string) => `encryption:${kid}`;
const canaryContext = (kid: string) => `key-canary:${kid}`;

export const sessionFingerprint = (secret: string) => crypto.createHmac("sha256", secret).update(SESSION_LABEL).digest("hex");

export interface MissingKey {
  keyId: string;
  /** secrets stored under it (0: only its canary says it was used here) */
  secrets: number;
}

export interface KeyCheck {
  /** key ids this database's secrets need that the keyring lacks (or whose canary the configured key does not open) */
  missing: MissingKey[];
  /** missing keys the operator declared lost (CONSOLE_LOST_ENCRYPTION_KEYS): the start goes on without them */
  lost: MissingKey[];
  /** "differs": another NEXTAUTH_SECRET signs this database's sessions; "new": none recorded yet */
  session: "same" | "new" | "differs";
  sessionRecordedAt: Date | null;
}

/** Compares the keyring and session secret with what the database records; writes nothing. */
export async function checkKeys(db: Queryable, o: { keyring: Keyring; authSecret: string; lostKeyIds?: string[] }): Promise<KeyCheck> {
  const canaries = await db.query<{ id: string; value: string; createdAt: Date }>(`select id, value, "createdAt" from "KeyCanary"`);
  const configured = [o.keyring.current, ...(o.keyring.previous ?? [])].map(keyId);
  const needed = new Map<string, number>();
  for (const c of canaries.rows) {
    if (!c.id.startsWith("encryption:")) continue;
    const kid = c.id.slice("encryption:".length);
    if (!configured.includes(kid) || !opens(o.keyring, c.value, kid)) needed.set(kid, 0);
  }
  for (const col of SECRET_COLUMNS) {
    const { rows } = await db.query<{ kid: string | null; n: number }>(
      `select ${ENVELOPE_KEY_ID_SQL(col.column)} as kid, count(*)::int as n from "${col.table}" where "${col.column}" is not null group by 1`,
    );
    for (const r of rows) if (r.kid && !configured.includes(r.kid)) needed.set(r.kid, (needed.get(r.kid) ?? 0) + r.n);
  }
  const all = [...needed].map(([kid, secrets]) => ({ keyId: kid, secrets })).sort((a, b) => a.keyId.localeCompare(b.keyId));
  const lost = new Set(o.lostKeyIds ?? []);
  const session = canaries.rows.find((c) => c.id === SESSION_ID);
  return {
    missing: all.filter((k) => !lost.has(k.keyId)),
    lost: all.filter((k) => lost.has(k.keyId)),
    session: !session ? "new" : session.value === sessionFingerprint(o.authSecret) ? "same" : "differs",
    sessionRecordedAt: session?.createdAt ?? null,
  };
}

function opens(keyring: Keyring, value: string, kid: string): boolean {
  try {
    return decryptSecret(keyring, value, canaryContext(kid)) === CANARY_TEXT;
  } catch (e) {
    if (e instanceof SecretDecryptionError) return false;
    throw e;
  }
}

/** Records the current key's canary (kept if present) and, when none is recorded or `replaceSession`, the session fingerprint. */
export async function recordKeys(db: Queryable, o: { keyring: Keyring; authSecret?: string; replaceSession?: boolean }): Promise<void> {
  const kid = keyId(o.keyring.current);
  await db.query(`insert into "KeyCanary" (id, value) values ($1, $2) on conflict (id) do nothing`, [
    encryptionId(kid),
    encryptSecret({ current: o.keyring.current }, CANARY_TEXT, canaryContext(kid)),
  ]);
  if (o.authSecret === undefined) return;
  await db.query(
    `insert into "KeyCanary" (id, value) values ($1, $2) on conflict (id) do ${o.replaceSession ? `update set value = excluded.value, "createdAt" = now()` : "nothing"}`,
    [SESSION_ID, sessionFingerprint(o.authSecret)],
  );
}

/** After a rotation: the current key's canary is recorded, and the canaries of keys that no longer seal anything here go. */
export async function forgetRetiredKeys(db: Queryable, o: { keyring: Keyring; stillSealing: string[] }): Promise<string[]> {
  await recordKeys(db, { keyring: o.keyring });
  const keep = [encryptionId(keyId(o.keyring.current)), ...o.stillSealing.map(encryptionId)];
  const { rows } = await db.query<{ id: string }>(`delete from "KeyCanary" where id like 'encryption:%' and id <> all($1::text[]) returning id`, [keep]);
  return rows.map((r) => r.id.slice("encryption:".length));
}
