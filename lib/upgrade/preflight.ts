/**
 * Pre-flight verdicts from what Harbor answered (issue #12 step 3). Pure: lib/fleet/upgrade-preflight.ts makes the
 * calls (concurrently) and hands their outcomes here. A check Harbor did not answer, or refused (401/403), is
 * "cannot-check" with the reason — never "pass".
 */
import type { PreflightCheck, PreflightReport } from "../schemas/upgrade";

/** What one Harbor call gave: a value, or the client's typed failure (kind + a sentence). */
export type Outcome<T> = { ok: true; value: T } | { ok: false; kind: string; message: string };

export interface PreflightFacts {
  expectedVersion: string;
  connection: {
    reachable: boolean;
    latencyMs: number | null;
    version: string | null;
    credential: "valid" | "invalid" | "unknown";
    principal: { kind: "user" | "robot"; name: string | null; sysadmin: boolean } | null;
    readOnly: boolean | null;
    error: { kind: string; message: string } | null;
  };
  health: Outcome<{ status: string; components: { name: string; status: string; error?: string | null }[] }>;
}

const refused = (kind: string) => kind === "unauthorized" || kind === "forbidden";

function reachable(f: PreflightFacts): PreflightCheck {
  const c = f.connection;
  const base = { id: "reachable", label: "Harbor is reachable" } as const;
  if (!c.reachable) return { ...base, status: "fail", evidence: c.error?.message ?? "Harbor did not answer." };
  return { ...base, status: "pass", evidence: c.latencyMs !== null ? `Harbor answered in ${c.latencyMs} ms.` : "Harbor answered." };
}

function credentials(f: PreflightFacts): PreflightCheck {
  const c = f.connection;
  const base = { id: "credentials", label: "Credentials valid, with system-admin rights" } as const;
  if (!c.reachable) return { ...base, status: "cannot-check", evidence: "Harbor is not reachable." };
  if (c.credential === "invalid") return { ...base, status: "fail", evidence: "Harbor refused the stored credential (401): an admin must update it on the instance's Edit page." };
  if (c.credential === "unknown" || !c.principal) {
    return { ...base, status: "cannot-check", evidence: c.error?.message ?? "Harbor did not say whose credential this is." };
  }
  if (c.principal.kind === "robot") {
    return { ...base, status: "cannot-check", evidence: `Robot account ${c.principal.name ?? ""} accepted; Harbor does not say whether a robot has system-admin rights.`.replace("  ", " ") };
  }
  if (!c.principal.sysadmin) return { ...base, status: "fail", evidence: `${c.principal.name ?? "The account"} is not a Harbor system administrator: pre-flight and read-only need one.` };
  return { ...base, status: "pass", evidence: `Signed in as ${c.principal.name ?? "the stored user"}, a system administrator.` };
}

function version(f: PreflightFacts): PreflightCheck {
  const c = f.connection;
  const base = { id: "version", label: `Runs ${f.expectedVersion}, the plan's start` } as const;
  if (!c.version) return { ...base, status: "cannot-check", evidence: c.error?.message ?? "Harbor did not tell its version (2.13+ hides it from credentials it does not accept)." };
  if (c.version !== f.expectedVersion) {
    return { ...base, status: "fail", evidence: `Harbor now runs ${c.version}, not ${f.expectedVersion}: change the target to re-plan from ${c.version}.` };
  }
  return { ...base, status: "pass", evidence: `systeminfo says ${c.version}.` };
}

function health(f: PreflightFacts): PreflightCheck {
  const base = { id: "health", label: "Every component healthy" } as const;
  if (!f.health.ok) {
    const why = refused(f.health.kind) ? `Harbor refused the health call (${f.health.kind}): ${f.health.message}` : f.health.message;
    return { ...base, status: "cannot-check", evidence: why };
  }
  const bad = f.health.value.components.filter((c) => c.status !== "healthy");
  if (bad.length) {
    return { ...base, status: "fail", evidence: bad.map((c) => `${c.name}: ${c.status}${c.error ? ` (${c.error})` : ""}`).join("; ") };
  }
  return { ...base, status: "pass", evidence: `${f.health.value.components.length} components healthy.` };
}

function readOnly(f: PreflightFacts): PreflightCheck {
  const base = { id: "read-only", label: "Not already read-only" } as const;
  const ro = f.connection.readOnly;
  if (ro === null) return { ...base, status: "cannot-check", evidence: "This version's systeminfo does not say whether Harbor is read-only: check Configuration › System Settings in Harbor's portal." };
  if (ro) return { ...base, status: "fail", evidence: "Harbor is already read-only: someone may be maintaining it. Find out before upgrading; the runbook sets read-only itself." };
  return { ...base, status: "pass", evidence: "read_only is false; the runbook switches it on before the stop." };
}

/** Checks the console cannot run through Harbor's API yet: said plainly, so that nobody reads them as passed. */
const UNCHECKED: PreflightCheck[] = [
  {
    id: "jobs",
    label: "No GC, replication or scan-all running",
    status: "cannot-check",
    evidence: "The console does not read Harbor's job status yet: check Administration › Clean Up, Replications and Interrogation Services in Harbor's portal.",
  },
  {
    id: "storage",
    label: "Free storage for the backup",
    status: "cannot-check",
    evidence: "Harbor's API does not report free space of the database volume: check `df -h <data_volume>` on the hosts.",
  },
];

/**
 * What Harbor's API must confirm for the plan to be ready; the other checks block only when they fail (what Harbor
 * cannot tell there is the operator's to confirm, and the runbook repeats it).
 */
const MUST_PASS: ReadonlySet<PreflightCheck["id"]> = new Set(["reachable", "credentials", "version", "health"]);

export function evaluatePreflight(f: PreflightFacts, at: Date, durationMs: number): PreflightReport {
  const checks = [reachable(f), credentials(f), version(f), health(f), readOnly(f), ...UNCHECKED];
  const ok = checks.every((c) => c.status === "pass" || (c.status === "cannot-check" && !MUST_PASS.has(c.id)));
  return { at: at.toISOString(), ok, checks, durationMs };
}
