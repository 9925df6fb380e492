/**
 * Which releases the wizard offers as a target from a running version: every newer final release the planner can
 * reach (newest first, with its hop count), and the newer ones it cannot, with why. Pure.
 */
import { ALL_RELEASES, compareVersions, formatRelease, toVersion, type VersionInput } from "../releases";
import { planUpgradePath, type PlanOptions } from "./planner";

export interface TargetChoice {
  version: string;
  hops: number;
}

export interface TargetOptions {
  reachable: TargetChoice[];
  unreachable: { version: string; why: string }[];
}

export function targetOptions(from: VersionInput, opts: PlanOptions = {}): TargetOptions {
  const start = toVersion(from);
  const out: TargetOptions = { reachable: [], unreachable: [] };
  if (!start) return out;
  for (const t of [...ALL_RELEASES].reverse()) {
    if (compareVersions(t, start) <= 0) continue;
    const plan = planUpgradePath(start, t, opts);
    if (plan.ok) out.reachable.push({ version: formatRelease(t), hops: plan.hops.length });
    else out.unreachable.push({ version: formatRelease(t), why: plan.error });
  }
  return out;
}
