/**
 * The "Test connection" report: data plus checks and sentences shown to a person. Pure (no I/O): the probe
 * CLI and the instance page render it; it is stored as JSON, so it carries no secrets and no Error objects.
 */
import type { HarborError } from "./errors";
import { type ApiGeneration } from "./facts";
import { GENERATION_LABEL, parseHarborVersion, atLeast } from "../releases";

export type CredentialStatus = "valid" | "invalid" | "unknown";

/** One checked aspect (same shape as lib/schemas/connection ConnectionCheck). */
export interface ProbeCheck {
  label: "Reachability" | "Version" | "Credential" | "Permissions" | "Webhooks" | "Read-only";
  status: "ok" | "warning" | "failed" | "skipped";
  detail: string;
}

export interface ConnectionReport {
  /** reachable, a supported version, and the credential accepted */
  ok: boolean;
  baseUrl: string;
  checkedAt: string;
  reachable: boolean;
  /** round trip of the first answered request */
  latencyMs: number | null;
  /** "2.11.2"; null when unknown (2.13+ hides it from credentials it does not accept) */
  version: string | null;
  generation: ApiGeneration | null;
  credential: CredentialStatus;
  principal: { kind: "user" | "robot"; name: string | null; sysadmin: boolean } | null;
  instance: { authMode: string | null; notificationsEnabled: boolean | null; readOnly: boolean | null };
  /** what stopped the test or the credential check */
  error: Omit<HarborError, "cause"> | null;
  checks: ProbeCheck[];
  /** the checks' details, in order: one sentence each */
  lines: string[];
}

type Facts = Omit<ConnectionReport, "checks" | "lines">;

export function reportChecks(r: Facts): ProbeCheck[] {
  const checks: ProbeCheck[] = [];
  const add = (label: ProbeCheck["label"], status: ProbeCheck["status"], detail: string) => checks.push({ label, status, detail });
  if (!r.reachable) {
    add("Reachability", "failed", r.error?.message ?? `Could not reach ${r.baseUrl}.`);
    return checks;
  }
  add("Reachability", "ok", r.latencyMs !== null ? `Reached ${r.baseUrl}: Harbor answered in ${r.latencyMs} ms.` : `Reached ${r.baseUrl}.`);
  if (!r.generation) {
    add("Version", "failed", r.error?.message ?? "The Harbor version could not be determined.");
    return checks;
  }
  if (r.version) add("Version", "ok", `Harbor ${r.version}, API generation ${GENERATION_LABEL[r.generation]}.`);
  else add("Version", "warning", `Harbor ${GENERATION_LABEL[r.generation]}: the exact version is shown only to a credential Harbor accepts.`);
  credentialChecks(r, add);
  if (r.instance.notificationsEnabled === false)
    add("Webhooks", "warning", "Webhook notifications are switched off on this Harbor (notification_enable is false): it sends no webhooks at all.");
  if (r.instance.readOnly) add("Read-only", "warning", "Harbor is in read-only mode: changes are refused.");
  return checks;
}

function credentialChecks(r: Facts, add: (l: ProbeCheck["label"], s: ProbeCheck["status"], d: string) => void): void {
  const p = r.principal;
  if (r.credential === "valid" && p?.kind === "user") {
    add("Credential", "ok", `Credential accepted: user "${p.name}".`);
    if (p.sysadmin) add("Permissions", "ok", "System administrator: may manage webhooks in every project.");
    else
      add(
        "Permissions",
        "warning",
        "Not a system administrator: may manage webhooks only in projects where this user is Project Admin (Maintainers may only view them).",
      );
    return;
  }
  if (r.credential === "valid") {
    const v = parseHarborVersion(r.version);
    const documented = r.generation === "v2.13" || (v !== null && atLeast(v, 2, 10));
    add("Credential", "ok", `Credential accepted: robot account${p?.name ? ` "${p.name}"` : ""}.`);
    add(
      "Permissions",
      "warning",
      `Robot accounts are never system administrators: managing webhooks needs the notification-policy permission on each project${documented ? "" : " (before Harbor 2.10 only grantable through the API)"}.`,
    );
    return;
  }
  if (r.credential === "invalid") {
    const oidc =
      r.instance.authMode === "oidc_auth"
        ? " This Harbor signs users in with OIDC: a user's CLI secret cannot manage webhooks — use a robot account (Harbor 2.10+) or the local admin account."
        : "";
    add(
      "Credential",
      "failed",
      `Credential rejected: Harbor treated the calls as anonymous (HTTP 401 on the credential check) — check the username and secret. Each failed login also makes Harbor pause about 1.5 s.${oidc}`,
    );
    add("Permissions", "skipped", "Not checked: the credential was not accepted.");
    return;
  }
  add("Credential", "warning", `The credential could not be checked: ${r.error?.message ?? "no answer"}`);
  add("Permissions", "skipped", "Not checked: the credential could not be checked.");
}

export function buildReport(r: Facts): ConnectionReport {
  const checks = reportChecks(r);
  return { ...r, checks, lines: checks.map((c) => c.detail) };
}
