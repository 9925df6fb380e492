import "server-only";
import { planImpact, type PlanImpact } from "../config/upgrade-impact";
import { generateUpgradeRunbook } from "../config/upgrade-runbook";
import { runbookSteps, type RunbookStep } from "../config/upgrade-runbook-steps";
import type { TTopology } from "../schemas/topology";
import type { RunbookTickDto, UpgradePlanDto } from "../schemas/upgrade";
import { getInstance } from "./instances";
import { getTopologyRevision } from "./topology";
import { getUpgradePlan } from "./upgrade-plans";
import { getUpgradeSubject } from "./upgrade-subject";
import { listRunbookTicks } from "./upgrade-ticks";

export interface UpgradePlanView {
  plan: UpgradePlanDto;
  baseUrl: string;
  /** the version Harbor ran at the last poll or detection, and when */
  liveVersion: string | null;
  liveAt: string | null;
  internalDatabase: boolean;
  topologyRevision: number | null;
  impact: PlanImpact;
  /** null when the impact could not be computed (the plan needs re-planning) */
  runbook: string | null;
  /** each hop's checklist (the runbook's steps) and the steps ticked so far */
  steps: RunbookStep[];
  ticks: RunbookTickDto[];
}

/** Everything the plan page and the runbook download show; no secret (the topology is read without its values). */
export async function getUpgradePlanView(planId: string): Promise<UpgradePlanView | null> {
  const plan = await getUpgradePlan(planId);
  if (!plan) return null;
  const [subject, instance, revision, ticks] = await Promise.all([
    getUpgradeSubject(plan.instanceId),
    getInstance(plan.instanceId),
    getTopologyRevision({ instanceId: plan.instanceId }),
    listRunbookTicks(plan.id),
  ]);
  if (!subject || !instance) return null;
  const topology: TTopology | null = revision?.topology ?? null;
  const helm = topology ? topology.deployment.kind === "helm" : plan.deploymentMode === "helm";
  const impact = planImpact({ from: plan.fromVersion, path: plan.path, topology, internalDatabase: subject.internalDatabase, helm });
  const runbook = impact.ok
    ? generateUpgradeRunbook({ instanceName: plan.instanceName, baseUrl: instance.baseUrl, helm, from: plan.fromVersion, hops: impact.hops, topology })
    : null;
  return {
    plan,
    baseUrl: instance.baseUrl,
    liveVersion: subject.liveVersion,
    liveAt: subject.liveAt,
    internalDatabase: subject.internalDatabase,
    topologyRevision: revision?.revision ?? null,
    impact,
    runbook,
    steps: runbookSteps({ helm, multiNode: (topology?.deployment.nodes.length ?? 1) > 1 }),
    ticks,
  };
}
