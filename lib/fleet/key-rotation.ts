import "server-only";
import type pg from "pg";
import { forgetRetiredKeys } from "../security/key-canary";
import { ENVELOPE_KEY_ID_SQL, SECRET_COLUMNS, type SecretColumn, type SecretRow } from "../security/secret-columns";
import { decryptSecret, encryptSecret, keyId, SecretDecryptionError, type Keyring } from "../security/secrets";
import type { AuditInput } from "./audit";

export { SECRET_COLUMNS } from "../security/secret-columns";

/**
 * Encryption key rotation (SECURITY.md, "Rotating the encryption key"): which key seals each stored secret, and
 * re-sealing them all with the current key. Runs from the launcher (`npm run keys`), outside Next, on a raw pg pool:
 * one compare-and-set UPDATE per secret — its own transaction — that touches neither `version` nor `updatedAt`, so
 * a person editing the same row concurrently neither conflicts nor is overwritten.
 */

/** current: seals; previous: opens (CONSOLE_ENCRYPTION_KEY_PREVIOUS); unconfigured: opens nothing, nor does a malformed value (keyId null). */
export type KeyRole = "current" | "previous" | "unconfigured";

export interface KeyCount {
  keyId: string | null;
  role: KeyRole;
  count: number;
}

export interface KeyStatus {
  currentKeyId: string;
  previousKeyIds: string[];
  columns: { column: string; keys: KeyCount[] }[];
}

export interface ColumnRotation {
  column: string;
  resealed: number;
  alreadyCurrent: number;
  /** changed or deleted between read and write: left to the edit */
  changed: number;
  /** sealed by a key that is not configured, or not an envelope */
  unopenable: number;
  /** sealed by a configured key but not opened by it (altered, or moved from another row) */
  failed: number;
}

export type RotationResult =
  | { kind: "refused"; unconfigured: KeyCount[]; before: KeyStatus }
  | { kind: "done"; columns: ColumnRotation[]; before: KeyStatus; after: KeyStatus; audited: boolean };

export const SYSTEM_ACTOR = { id: null, email: "system" } as const;

function configuredIds(keyring: Keyring): { current: string; previous: string[] } {
  return { current: keyId(keyring.current), previous: (keyring.previous ?? []).map(keyId) };
}

/** How many secrets each key id seals, per column (no secret is opened). */
export async function getKeyStatus(opts: { pool: pg.Pool; keyring: Keyring }): Promise<KeyStatus> {
  const ids = configuredIds(opts.keyring);
  const roleOf = (kid: string | null): KeyRole => (kid === ids.current ? "current" : kid !== null && ids.previous.includes(kid) ? "previous" : "unconfigured");
  const columns = [];
  for (const c of SECRET_COLUMNS) {
    const { rows } = await opts.pool.query<{ kid: string | null; n: number }>(
      `select ${ENVELOPE_KEY_ID_SQL(c.column)} as kid, count(*)::int as n from "${c.table}" where "${c.column}" is not null group by 1 order by 2 desc, 1`,
    );
    columns.push({ column: c.name, keys: rows.map((r) => ({ keyId: r.kid, role: roleOf(r.kid), count: r.n })) });
  }
  return { currentKeyId: ids.current, previousKeyIds: ids.previous, columns };
}

/** Key ids (null: not an envelope) that seal secrets nothing configured can open, with their counts over all columns. */
export function unconfiguredKeys(status: KeyStatus): KeyCount[] {
  const totals = new Map<string | null, number>();
  for (const k of status.columns.flatMap((c) => c.keys)) if (k.role === "unconfigured") totals.set(k.keyId, (totals.get(k.keyId) ?? 0) + k.count);
  return [...totals].map(([keyId, count]) => ({ keyId, role: "unconfigured" as const, count }));
}

/**
 * Re-seals every secret not sealed by the current key with it, under the same context, in batches of `batchSize`.
 * Refuses, writing nothing, when a secret is sealed by a key that is not configured, unless `skipUnopenable` (then
 * such secrets are counted and left). Records one `secrets.rotate` audit event when anything was re-sealed, so a
 * second run changes nothing at all.
 */
export async function rotateSecrets(opts: { pool: pg.Pool; keyring: Keyring; skipUnopenable?: boolean; batchSize?: number }): Promise<RotationResult> {
  const { pool, keyring } = opts;
  const before = await getKeyStatus({ pool, keyring });
  const unconfigured = unconfiguredKeys(before);
  if (unconfigured.length && !opts.skipUnopenable) return { kind: "refused", unconfigured, before };

  const configured = new Set([before.currentKeyId, ...before.previousKeyIds]);
  const columns: ColumnRotation[] = [];
  for (const c of SECRET_COLUMNS) {
    const counts: ColumnRotation = { column: c.name, resealed: 0, alreadyCurrent: 0, changed: 0, unopenable: 0, failed: 0 };
    counts.alreadyCurrent = before.columns.find((b) => b.column === c.name)!.keys.find((k) => k.role === "current")?.count ?? 0;
    columns.push(counts);
    for (let after: string | null = null; ;) {
      const { rows }: { rows: SecretRow[] } = await pool.query<SecretRow>(
        `select "${c.pk}"::text as pk, "${c.column}" as cipher, ${c.instanceId}::text as "instanceId", ${c.revision} as revision
           from "${c.table}"
          where "${c.column}" is not null and "${c.column}" not like $1 and ($2::uuid is null or "${c.pk}" > $2::uuid)
          order by "${c.pk}" limit $3`,
        [`v1.${before.currentKeyId}.%`, after, opts.batchSize ?? 200],
      );
      for (const row of rows) await resealOne({ pool, keyring, column: c, row, configured, counts });
      if (!rows.length) break;
      after = rows[rows.length - 1].pk;
    }
  }

  const after = await getKeyStatus({ pool, keyring });
  // The canaries follow: the current key's is recorded, those of keys that now seal nothing here are dropped.
  await forgetRetiredKeys(pool, { keyring, stillSealing: keyIdsOf(after).filter((k) => k !== "malformed") });
  const resealed = columns.reduce((n, c) => n + c.resealed, 0);
  if (resealed > 0) await insertAudit(pool, rotationAudit({ before, after, columns }));
  return { kind: "done", columns, before, after, audited: resealed > 0 };
}

async function resealOne(o: {
  pool: pg.Pool;
  keyring: Keyring;
  column: SecretColumn;
  row: SecretRow;
  configured: Set<string>;
  counts: ColumnRotation;
}): Promise<void> {
  const { column: c, row, counts } = o;
  const parts = row.cipher.split(".");
  if (parts.length !== 5 || parts[0] !== "v1" || !o.configured.has(parts[1])) {
    counts.unopenable++;
    return;
  }
  const context = c.context(row);
  let plaintext: string;
  try {
    plaintext = decryptSecret(o.keyring, row.cipher, context);
  } catch (e) {
    if (!(e instanceof SecretDecryptionError)) throw e;
    counts.failed++;
    return;
  }
  const { rowCount } = await o.pool.query(`update "${c.table}" set "${c.column}" = $1 where "${c.pk}" = $2::uuid and "${c.column}" = $3`, [
    encryptSecret(o.keyring, plaintext, context),
    row.pk,
    row.cipher,
  ]);
  if (rowCount === 1) counts.resealed++;
  else counts.changed++;
}

const sealedBy = (s: KeyStatus) =>
  Object.fromEntries(s.columns.map((c) => [c.column, Object.fromEntries(c.keys.map((k) => [k.keyId ?? "malformed", k.count]))]));
const keyIdsOf = (s: KeyStatus) => [...new Set(s.columns.flatMap((c) => c.keys.map((k) => k.keyId ?? "malformed")))].sort();

function rotationAudit(r: { before: KeyStatus; after: KeyStatus; columns: ColumnRotation[] }): AuditInput {
  return {
    actor: SYSTEM_ACTOR,
    action: "secrets.rotate",
    targetType: "system",
    targetName: "encryption key",
    before: { keyIds: keyIdsOf(r.before), sealedBy: sealedBy(r.before) },
    after: {
      keyIds: keyIdsOf(r.after),
      currentKeyId: r.after.currentKeyId,
      sealedBy: sealedBy(r.after),
      rotated: Object.fromEntries(r.columns.map(({ column, ...counts }) => [column, counts])),
    },
  };
}

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/** The audit row, written on the raw pool (recordAudit needs Prisma and a request); `at` is the column's default. */
async function insertAudit(pool: pg.Pool, e: AuditInput): Promise<void> {
  await pool.query(
    `insert into "AuditEvent" ("actorId", "actorEmail", "action", "targetType", "targetId", "targetName", "before", "after")
     values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb)`,
    [e.actor.id, e.actor.email, e.action, e.targetType, e.targetId ?? null, e.targetName ?? null, json(e.before), json(e.after)],
  );
}
