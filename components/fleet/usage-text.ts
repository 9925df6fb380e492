import type { FleetRow } from "@/lib/queries/fleet";
import { formatBytes } from "./format";

/** Pure wording of an instance's usage: a partial view is a lower bound ("≥ 1"), never shown like a total. */

const plural = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;

/** "12 / 40", "≥ 1 / ≥ 2" (partial), or null when unknown */
export function projectsAndRepos(row: Pick<FleetRow, "projectCount" | "repoCount" | "usage">): string | null {
  if (row.projectCount === null) return null;
  const at = row.usage === "partial" ? "≥ " : "";
  return `${at}${row.projectCount} / ${row.repoCount === null ? "—" : `${at}${row.repoCount}`}`;
}

/** "≥ 1 project visible to this account", "12 projects" */
export function countText(n: number | null, word: string, partial: boolean, words = `${word}s`): string {
  if (n === null) return "not known yet";
  return partial ? `≥ ${plural(n, word, words)} visible to this account` : plural(n, word, words);
}

export function storageText(row: Pick<FleetRow, "storageBytes" | "usage">): string {
  if (row.usage === "partial") return "not visible to this account";
  return row.storageBytes === null ? "not reported" : formatBytes(row.storageBytes);
}

/** Why the view is partial, for the account the instance is registered with. */
export function partialReason(row: Pick<FleetRow, "credentialKind">): string {
  const who =
    row.credentialKind === "robot" ? "a robot account, and Harbor never treats a robot as a system administrator" : "not a Harbor system administrator";
  return `The registered account is ${who}. Harbor's statistics then count only the public projects and the private ones the account belongs to, and report no storage — these numbers are a lower bound, not the instance's totals, and the fleet's totals leave them out.`;
}

export const PARTIAL_FIX =
  'For exact totals, register the instance with a Harbor user that has the system admin role: Harbor fills its totals and storage for system administrators only. A system-level robot with project read and list on all projects ("*") does see every project, but Harbor\'s statistics still withhold the totals and storage from robots.';

/** "Across 4 instances: 120 projects · 310 repositories · 1.2 TiB", with the partial ones named. */
export function fleetUsageText(u: { projects: number; repos: number; storageBytes: number; counted: number; partial: number }): string {
  const head = `Across ${plural(u.counted, "instance")}: ${plural(u.projects, "project")} · ${plural(u.repos, "repository", "repositories")} · ${formatBytes(u.storageBytes)}`;
  return u.partial ? `${head}; ${plural(u.partial, "instance")} with a partial view (an account that sees only part of it) not counted.` : `${head}.`;
}
