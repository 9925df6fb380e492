/**
 * Verifying one hop of a running upgrade (issue #12 step 6) from what Harbor answered: the hop is verified when Harbor
 * runs the hop's target and every component is healthy; anything else needs attention, with what was seen. Pure.
 *
 * A Harbor whose nginx answers but whose core does not (502/503/504 on systeminfo and health) after the version changed
 * is the signature of a failed schema migration: every core dies with "Dirty database version N" (docs/harbor/upgrade.md §4), and
 * the way back is the restore runbook, never forcing the schema version.
 */
import type { Outcome } from "./preflight";

export interface HopObservation {
  info: Outcome<{ version: string | null }> & { status?: number };
  health: Outcome<{ components: { name: string; status: string; error?: string | null }[] }> & { status?: number };
}

export type HopVerdict =
  | { kind: "verified"; message: string }
  | { kind: "attention"; reason: "old-version" | "other-version" | "unhealthy" | "core-down" | "unreachable" | "unknown"; message: string; restore: boolean };

const coreDown = (o: { ok: boolean; kind?: string; status?: number }) => !o.ok && o.kind === "server_error" && [502, 503, 504].includes(o.status ?? 0);
const unreachable = (o: { ok: boolean; kind?: string }) => !o.ok && ["unreachable", "timeout", "tls"].includes(o.kind ?? "");

export function verifyHop(hop: { from: string; to: string }, seen: HopObservation): HopVerdict {
  if (coreDown(seen.info) && coreDown(seen.health)) {
    return {
      kind: "attention",
      reason: "core-down",
      restore: true,
      message: `Harbor's front answers but core does not (${seen.info.status ?? "5xx"}): after the switch to ${hop.to} this is the signature of a failed schema migration. Check the core log for "Dirty database version"; if it is there, do not force the version — follow the restore runbook. If core is still migrating, verify again in a few minutes.`,
    };
  }
  if (unreachable(seen.info)) {
    return { kind: "attention", reason: "unreachable", restore: false, message: `Harbor does not answer: ${seen.info.ok ? "" : seen.info.message}` };
  }
  if (!seen.info.ok || !seen.info.value.version) {
    return {
      kind: "attention",
      reason: "unknown",
      restore: false,
      message: `Harbor did not tell its version: ${seen.info.ok ? "systeminfo had none" : seen.info.message}`,
    };
  }
  const version = seen.info.value.version;
  if (version === hop.from) {
    return {
      kind: "attention",
      reason: "old-version",
      restore: false,
      message: `Harbor still runs ${hop.from}: the hop to ${hop.to} has not happened (or was rolled back).`,
    };
  }
  if (version !== hop.to)
    return { kind: "attention", reason: "other-version", restore: false, message: `Harbor runs ${version}, neither ${hop.from} nor the hop's ${hop.to}.` };
  if (!seen.health.ok) {
    return {
      kind: "attention",
      reason: "unhealthy",
      restore: false,
      message: `Harbor runs ${hop.to} but its health could not be read: ${seen.health.message}`,
    };
  }
  const bad = seen.health.value.components.filter((c) => c.status !== "healthy");
  if (bad.length) {
    return {
      kind: "attention",
      reason: "unhealthy",
      restore: false,
      message: `Harbor runs ${hop.to} but ${bad.map((c) => `${c.name} is ${c.status}${c.error ? ` (${c.error})` : ""}`).join("; ")}.`,
    };
  }
  return { kind: "verified", message: `Harbor runs ${hop.to} and its ${seen.health.value.components.length} components are healthy.` };
}
