/**
 * Pre-flight verdicts from what Harbor answered (issue #12 step 3). Pure: lib/fleet/upgrade-preflight.ts makes the
 * calls (concurrently) and hands their outcomes here. A check Harbor did not answer, or refused (401/403), is
 * "cannot-check" with the reason — never "pass".
 */
import type { PlanWave, PreflightCheck, PreflightReport } from "../schemas/upgrade";

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
  /** GET /system/gc: the runs Harbor lists (system administrators only) */
  gc: Outcome<{ id?: number | null; status: string; since?: string | null }[]>;
  /** GET /replication/executions?status=InProgress (system administrators only) */
  replication: Outcome<{ id?: number | null; policyId?: number | null; since?: string | null }[]>;
  /**
   * GET /scans/all/metrics (1.10+): the latest scan-all; `ongoing` where Harbor says it (2.5+ at least), otherwise
   * read from its counts. unsupported_version on 1.9.
   */
  scanAll: Outcome<{ ongoing: boolean | null; total: number | null; completed: number | null; running: number; pending: number; trigger: string | null }>;
  /** GET /systeminfo/volumes: core's local disk, in bytes */
  volumes: Outcome<{ total: number | null; free: number | null }[]>;
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
  if (c.credential === "invalid")
    return { ...base, status: "fail", evidence: "Harbor refused the stored credential (401): an admin must update it on the instance's Edit page." };
  if (c.credential === "unknown" || !c.principal) {
    return { ...base, status: "cannot-check", evidence: c.error?.message ?? "Harbor did not say whose credential this is." };
  }
  if (c.principal.kind === "robot") {
    return {
      ...base,
      status: "cannot-check",
      evidence: `Robot account ${c.principal.name ?? ""} accepted; Harbor does not say whether a robot has system-admin rights.`.replace("  ", " "),
    };
  }
  if (!c.principal.sysadmin)
    return {
      ...base,
      status: "fail",
      evidence: `${c.principal.name ?? "The account"} is not a Harbor system administrator: pre-flight and read-only need one.`,
    };
  return { ...base, status: "pass", evidence: `Signed in as ${c.principal.name ?? "the stored user"}, a system administrator.` };
}

function version(f: PreflightFacts): PreflightCheck {
  const c = f.connection;
  const base = { id: "version", label: `Runs ${f.expectedVersion}, the plan's start` } as const;
  if (!c.version)
    return {
      ...base,
      status: "cannot-check",
      evidence: c.error?.message ?? "Harbor did not tell its version (2.13+ hides it from credentials it does not accept).",
    };
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
  if (ro === null)
    return {
      ...base,
      status: "cannot-check",
      evidence: "This version's systeminfo does not say whether Harbor is read-only: check Configuration › System Settings in Harbor's portal.",
    };
  if (ro)
    return {
      ...base,
      status: "fail",
      evidence: "Harbor is already read-only: someone may be maintaining it. Find out before upgrading; the runbook sets read-only itself.",
    };
  return { ...base, status: "pass", evidence: "read_only is false; the runbook switches it on before the stop." };
}

const refusedWhy = (what: string, o: { kind: string; message: string }) =>
  refused(o.kind) ? `Harbor refused the ${what} call (${o.kind}): ${o.message}` : o.message;

function gc(f: PreflightFacts): PreflightCheck {
  const base = { id: "gc", label: "No garbage collection running" } as const;
  if (!f.gc.ok) return { ...base, status: "cannot-check", evidence: refusedWhy("GC history", f.gc) };
  const running = f.gc.value.filter((r) => /^(running|pending|scheduled)$/i.test(r.status));
  if (running.length) {
    return {
      ...base,
      status: "fail",
      evidence:
        running.map((r) => `GC${r.id != null ? ` #${r.id}` : ""} is ${r.status.toLowerCase()}${r.since ? ` since ${r.since}` : ""}`).join("; ") +
        ": wait for it to end, or stop it, before the stop.",
    };
  }
  return { ...base, status: "pass", evidence: f.gc.value.length ? `None of the ${f.gc.value.length} latest GC runs is running.` : "Harbor lists no GC run." };
}

function replication(f: PreflightFacts): PreflightCheck {
  const base = { id: "replication", label: "No replication running" } as const;
  if (!f.replication.ok) return { ...base, status: "cannot-check", evidence: refusedWhy("replication executions", f.replication) };
  if (f.replication.value.length) {
    const list = f.replication.value.map(
      (e) => `execution${e.id != null ? ` #${e.id}` : ""}${e.policyId != null ? ` of policy ${e.policyId}` : ""}${e.since ? ` since ${e.since}` : ""}`,
    );
    return { ...base, status: "fail", evidence: `In progress: ${list.join("; ")}. Wait for it to end, or stop it, before the stop.` };
  }
  return { ...base, status: "pass", evidence: "No replication execution is in progress." };
}

const GiB = 2 ** 30;
/** Below this share of free space on core's disk the backup copy (and the PostgreSQL upgrade) may not fit. */
const MIN_FREE_SHARE = 0.1;

function storage(f: PreflightFacts): PreflightCheck {
  const base = { id: "storage", label: "Free space on Harbor's local disk" } as const;
  if (!f.volumes.ok) return { ...base, status: "cannot-check", evidence: refusedWhy("volumes", f.volumes) };
  const v = f.volumes.value.find((x) => x.total != null && x.free != null && x.total > 0);
  if (!v) return { ...base, status: "cannot-check", evidence: "Harbor reported no volume size." };
  const share = v.free! / v.total!;
  const said = `${(v.free! / GiB).toFixed(1)} GiB free of ${(v.total! / GiB).toFixed(1)} GiB (${Math.round(share * 100)} %) on core's local disk`;
  if (share < MIN_FREE_SHARE) return { ...base, status: "fail", evidence: `${said}: too little for the database copy the runbook takes.` };
  return { ...base, status: "pass", evidence: `${said}. Object storage is not counted.` };
}

function scanAll(f: PreflightFacts): PreflightCheck {
  const base = { id: "scan-all", label: "No scan-all running" } as const;
  const o = f.scanAll;
  if (!o.ok) {
    const why = o.kind === "unsupported_version" ? `${o.message} Check Interrogation Services in Harbor's portal.` : refusedWhy("scan-all metrics", o);
    return { ...base, status: "cannot-check", evidence: why };
  }
  const s = o.value;
  const progress = s.total ? ` (${s.completed ?? 0} of ${s.total} scans done${s.trigger ? `, ${s.trigger.toLowerCase()} trigger` : ""})` : "";
  // Harbor's own flag where it has one; before it, unfinished scans of the latest scan-all mean it still runs
  const busy = s.ongoing ?? (s.running + s.pending > 0 || (s.total != null && s.completed != null && s.completed < s.total));
  if (busy) return { ...base, status: "fail", evidence: `A scan-all is running${progress}: wait for it to end, or stop it, before the stop.` };
  return { ...base, status: "pass", evidence: s.total ? `The latest scan-all has ended${progress}.` : "Harbor reports no scan-all under way." };
}

/**
 * An admin's approval, when the window was booked as needing one: checked at the window's start (and before a run
 * starts), beside what Harbor says. Null when the window does not need it.
 */
export function approvalCheck(approval: { required: boolean; at: string | null; by: string | null }): PreflightCheck | null {
  if (!approval.required) return null;
  const base = { id: "approval", label: "Approved by an admin" } as const;
  if (!approval.at)
    return {
      ...base,
      status: "fail",
      evidence: "This window needs an admin's approval and nobody approved it before it started: book a new window and ask an admin to approve it.",
    };
  return { ...base, status: "pass", evidence: `Approved by ${approval.by ?? "an admin"} at ${approval.at.slice(0, 16).replace("T", " ")} UTC.` };
}

/**
 * A plan of a wave starts only once the plan before it is completed (every hop verified): checked at the window's
 * start and before a run starts. Null for the canary and for plans outside a wave.
 */
export function waveCheck(wave: PlanWave | null): PreflightCheck | null {
  if (!wave?.previous) return null;
  const base = { id: "wave", label: "The instance before it in the wave is verified" } as const;
  const prev = wave.previous;
  const where = `${prev.instanceName} (${wave.position - 1} of ${wave.size} in wave ${wave.name})`;
  if (prev.state !== "completed")
    return { ...base, status: "fail", evidence: `${where} is ${prev.state.replace("_", " ")}, not completed: this instance goes after it is verified.` };
  return { ...base, status: "pass", evidence: `${where} is completed.` };
}

/**
 * What Harbor's API must confirm for the plan to be ready; the other checks block only when they fail (what Harbor
 * cannot tell there is the operator's to confirm, and the runbook repeats it).
 */
const MUST_PASS: ReadonlySet<PreflightCheck["id"]> = new Set(["reachable", "credentials", "version", "health"]);

export function evaluatePreflight(f: PreflightFacts, at: Date, durationMs: number): PreflightReport {
  const checks = [reachable(f), credentials(f), version(f), health(f), readOnly(f), gc(f), replication(f), storage(f), scanAll(f)];
  const ok = checks.every((c) => c.status === "pass" || (c.status === "cannot-check" && !MUST_PASS.has(c.id)));
  return { at: at.toISOString(), ok, checks, durationMs };
}
