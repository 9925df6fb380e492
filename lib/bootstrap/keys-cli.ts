/**
 * `npm run keys -- status | rotate [--skip-unopenable]`: the launcher's front end to lib/fleet/key-rotation.ts.
 * Arguments are read before anything starts; the rotation module is loaded only when the command runs (it is
 * server-only: the `keys` script runs Node with the react-server condition, as `probe` does).
 */
import pg from "pg";
import type { KeyCount, KeyStatus, RotationResult } from "../fleet/key-rotation";
import type { Keyring } from "../security/secrets";
import { recordKeys } from "../security/key-canary";
import { StartupError } from "./startup-error";

export const KEYS_USAGE = "usage: npm run keys -- status | rotate [--skip-unopenable] | accept-session-secret";

export type KeysCommand = { command: "status" } | { command: "rotate"; skipUnopenable: boolean } | { command: "accept-session-secret" };

/** The command, or the reason the arguments are not one (exit code 2). */
export function parseKeysArgs(args: string[]): KeysCommand | { error: string } {
  const [command, ...flags] = args;
  if ((command === "status" || command === "accept-session-secret") && flags.length === 0) return { command };
  if (command === "rotate" && flags.every((f) => f === "--skip-unopenable")) return { command, skipUnopenable: flags.length > 0 };
  if (command === "accept-session-secret") return { error: `unknown option for keys ${command}: ${flags.join(" ")}` };
  if (command !== "status" && command !== "rotate") return { error: command ? `unknown keys command "${command}"` : "missing keys command" };
  const unknown = command === "status" ? flags : flags.filter((f) => f !== "--skip-unopenable");
  return { error: `unknown option for keys ${command}: ${unknown.join(" ")}` };
}

const label = (k: KeyCount) => k.keyId ?? "(not a v1 envelope)";
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const ROLE_TEXT = { current: "current", previous: "previous", unconfigured: "NOT CONFIGURED: cannot be opened" } as const;

export function formatStatus(s: KeyStatus): string[] {
  const width = Math.max(...s.columns.map((c) => c.column.length)) + 2;
  const lines = [
    `Secrets by the key that sealed them (current key ${s.currentKeyId}${s.previousKeyIds.length ? `; previous: ${s.previousKeyIds.join(", ")}` : ""}):`,
  ];
  for (const c of s.columns) {
    if (!c.keys.length) lines.push(`  ${c.column.padEnd(width)}(none)`);
    c.keys.forEach((k, i) => lines.push(`  ${(i ? "" : c.column).padEnd(width)}${label(k).padEnd(10)}${String(k.count).padStart(6)}  ${ROLE_TEXT[k.role]}`));
  }
  const all = s.columns.flatMap((c) => c.keys);
  const byPrevious = all.filter((k) => k.role === "previous").reduce((n, k) => n + k.count, 0);
  const unconfigured = totalsOf(all.filter((k) => k.role === "unconfigured"));
  if (byPrevious) lines.push(`${plural(byPrevious, "secret")} still sealed by a previous key: run \`npm run keys -- rotate\`.`);
  if (unconfigured.length) {
    lines.push(`${unconfiguredText(unconfigured)}: such secrets cannot be opened until their key is added to CONSOLE_ENCRYPTION_KEY_PREVIOUS.`);
  }
  if (!byPrevious && !unconfigured.length) {
    lines.push(
      `Every secret is sealed with the current key ${s.currentKeyId}${s.previousKeyIds.length ? ": CONSOLE_ENCRYPTION_KEY_PREVIOUS can be removed" : ""}.`,
    );
  }
  return lines;
}

function totalsOf(keys: KeyCount[]): KeyCount[] {
  const m = new Map<string | null, KeyCount>();
  for (const k of keys) m.set(k.keyId, { ...k, count: (m.get(k.keyId)?.count ?? 0) + k.count });
  return [...m.values()];
}

/** "3 secrets are sealed by key 0badc0de, which is not configured", or by several: "key ids that are not configured: …" */
function unconfiguredText(keys: KeyCount[]): string {
  const n = keys.reduce((sum, k) => sum + k.count, 0);
  const which =
    keys.length === 1
      ? `key ${label(keys[0])}, which is not configured`
      : `key ids that are not configured: ${keys.map((k) => `${label(k)} (${k.count})`).join(", ")}`;
  return `${plural(n, "secret is", "secrets are")} sealed by ${which}`;
}

/** The report of a rotation, and its exit code: 1 when refused, or when a secret could not be opened and the run was not told to skip such. */
export function formatRotation(r: RotationResult, skipUnopenable: boolean): { lines: string[]; errors: string[]; code: number } {
  if (r.kind === "refused") {
    return {
      lines: [],
      errors: [
        `Refusing to rotate: ${unconfiguredText(r.unconfigured)}; add the key to CONSOLE_ENCRYPTION_KEY_PREVIOUS, or pass --skip-unopenable to re-seal the rest and leave those as they are.`,
      ],
      code: 1,
    };
  }
  const width = Math.max(...r.columns.map((c) => c.column.length)) + 2;
  const lines = [`Re-sealing with the current key ${r.after.currentKeyId}:`];
  for (const c of r.columns) {
    const parts = [`${c.resealed} re-sealed`, `${c.alreadyCurrent} already current`];
    if (c.changed) parts.push(`${c.changed} changed meanwhile (left to that edit)`);
    if (c.unopenable) parts.push(`${c.unopenable} sealed by a key that is not configured (left)`);
    if (c.failed) parts.push(`${c.failed} not opened by its key: altered or moved (left)`);
    lines.push(`  ${c.column.padEnd(width)}${parts.join(", ")}`);
  }
  const total = (f: "resealed" | "changed" | "unopenable" | "failed") => r.columns.reduce((n, c) => n + c[f], 0);
  lines.push(
    total("resealed")
      ? `${plural(total("resealed"), "secret")} re-sealed; recorded in the audit trail as secrets.rotate.`
      : "Nothing to re-seal: every secret that can be opened is sealed with the current key.",
  );
  if (total("changed"))
    lines.push(`${plural(total("changed"), "secret")} changed while this ran; run rotate again to re-seal what an edit sealed with an older key.`);
  const left = total("unopenable") + total("failed");
  const errors =
    left && !skipUnopenable
      ? [
          `${plural(left, "secret")} could not be opened and ${left === 1 ? "was" : "were"} left as ${left === 1 ? "it was" : "they were"}; see \`npm run keys -- status\`.`,
        ]
      : [];
  return { lines, errors, code: errors.length ? 1 : 0 };
}

/** Runs the command against the database; returns the exit code. */
export async function runKeys(opts: {
  command: KeysCommand;
  databaseUrl: string;
  keyring: Keyring;
  authSecret?: string;
  out: (line: string) => void;
  err: (line: string) => void;
}): Promise<number> {
  let rotation: typeof import("../fleet/key-rotation");
  try {
    rotation = await import("../fleet/key-rotation");
  } catch (e) {
    if (!/Client Component|server-only/i.test((e as Error).message)) throw e;
    throw new StartupError("the keys command needs Node's react-server condition: run it as `npm run keys -- …`.");
  }
  const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 2, application_name: "harbor-fleet-console keys" });
  let closing = false; // the embedded server may stop before a closed connection's socket is gone: not an error
  pool.on("error", (e) => closing || opts.err(`[console] database connection error: ${e.message}`));
  try {
    if (opts.command.command === "status") {
      for (const line of formatStatus(await rotation.getKeyStatus({ pool, keyring: opts.keyring }))) opts.out(line);
      return 0;
    }
    if (opts.command.command === "accept-session-secret") {
      await recordKeys(pool, { keyring: opts.keyring, authSecret: opts.authSecret, replaceSession: true });
      opts.out("Recorded this NEXTAUTH_SECRET's fingerprint: replicas start only with it from now on; sessions signed with the previous secret have ended.");
      return 0;
    }
    const skipUnopenable = opts.command.skipUnopenable;
    const report = formatRotation(await rotation.rotateSecrets({ pool, keyring: opts.keyring, skipUnopenable }), skipUnopenable);
    for (const line of report.lines) opts.out(line);
    for (const line of report.errors) opts.err(line);
    return report.code;
  } catch (e) {
    // 42P01: undefined_table
    if ((e as { code?: string }).code === "42P01")
      throw new StartupError("this database has no console tables yet: start the console once (or run `npm run db:deploy`) before managing its keys.");
    throw e;
  } finally {
    closing = true;
    await pool.end();
  }
}
