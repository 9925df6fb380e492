/**
 * Step 2 of the upgrade wizard, Path and impact: every hop of a plan with the rule that forced it, the planner's
 * notes, the advisor's entries for this topology, whether the recorded topology is valid at the hop's version, and
 * (Helm) the chart pinned for it. Pure: the page and the runbook share it.
 */
import type { ConfigIssue } from "../schemas/config-issue";
import type { TTopology } from "../schemas/topology";
import { adviseHop, planUpgradePath, type Advice, type HopRule } from "../upgrade";
import { formatRelease } from "../releases";
import { chartFor, type ChartResult } from "./helm-chart";
import { adviceTopologyOf, topologyIssuesAt } from "./upgrade-topology";

export interface HopImpact {
  from: string;
  to: string;
  kind: "patch" | "minor";
  reason: string;
  rules: HopRule[];
  notes: string[];
  advice: Advice[];
  /** null when no topology is recorded */
  topologyIssues: ConfigIssue[] | null;
  chart: ChartResult | null;
}

export type PlanImpact = { ok: true; hops: HopImpact[]; blocking: string[] } | { ok: false; error: string };

export function planImpact(opts: { from: string; path: readonly string[]; topology: TTopology | null; internalDatabase: boolean; helm: boolean }): PlanImpact {
  const target = opts.path[opts.path.length - 1];
  const plan = planUpgradePath(opts.from, target, { internalDatabase: opts.internalDatabase });
  if (!plan.ok) return { ok: false, error: plan.error };
  const planned = plan.hops.map((h) => formatRelease(h.to));
  if (planned.join(",") !== opts.path.join(",")) {
    return {
      ok: false,
      error: `The planner now goes ${[opts.from, ...planned].join(" → ")}, not ${[opts.from, ...opts.path].join(" → ")}: re-plan to the target to take its path.`,
    };
  }
  const topo = opts.topology ? adviceTopologyOf(opts.topology) : {};
  const hops = plan.hops.map((h): HopImpact => {
    const to = formatRelease(h.to);
    return {
      from: formatRelease(h.from),
      to,
      kind: h.kind,
      reason: h.reason,
      rules: h.rules,
      notes: h.notes,
      advice: adviseHop(h.from, h.to, topo),
      topologyIssues: opts.topology ? topologyIssuesAt(opts.topology, to) : null,
      chart: opts.helm ? chartFor(to) : null,
    };
  });
  const blocking = hops.flatMap((h) => [
    ...h.advice.filter((a) => a.blocking).map((a) => `${h.from} → ${h.to}: ${a.title} — change the topology first`),
    ...(h.topologyIssues ?? []).map((i) => `${h.to}: ${i.field}: ${i.message}`),
    ...(h.chart && !h.chart.ok ? [`${h.to}: ${h.chart.message}`] : []),
  ]);
  return { ok: true, hops, blocking };
}
