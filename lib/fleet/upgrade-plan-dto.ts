import "server-only";
import { Prisma } from "../generated/prisma/client";
import type { HopCheck, PreflightReport, PlanWave, UpgradePlanDto } from "../schemas/upgrade";

/** What every read of a plan selects, and how a row becomes the plan the pages and actions see. */
export const PLAN_SELECT = {
  id: true,
  instanceId: true,
  fromVersion: true,
  targetVersion: true,
  path: true,
  state: true,
  version: true,
  preflight: true,
  windowStart: true,
  windowEnd: true,
  windowTimeZone: true,
  requiresApproval: true,
  approvedAt: true,
  approvedByEmail: true,
  hopsVerified: true,
  lastCheck: true,
  createdAt: true,
  updatedAt: true,
  createdByEmail: true,
  updatedByEmail: true,
  instance: { select: { name: true, deploymentMode: true } },
  waveOrder: true,
  wave: {
    select: {
      id: true,
      name: true,
      plans: { select: { id: true, waveOrder: true, state: true, instance: { select: { name: true } } }, orderBy: { waveOrder: "asc" } },
    },
  },
} satisfies Prisma.UpgradePlanSelect;
export type PlanRow = Prisma.UpgradePlanGetPayload<{ select: typeof PLAN_SELECT }>;

function waveOf(r: PlanRow): PlanWave | null {
  if (!r.wave || r.waveOrder === null) return null;
  const prev = r.wave.plans.find((p) => p.waveOrder === r.waveOrder! - 1);
  return {
    id: r.wave.id,
    name: r.wave.name,
    position: r.waveOrder + 1,
    size: r.wave.plans.length,
    previous: prev ? { planId: prev.id, instanceName: prev.instance.name, state: prev.state } : null,
  };
}

export const toPlanDto = (r: PlanRow): UpgradePlanDto => ({
  id: r.id,
  instanceId: r.instanceId,
  instanceName: r.instance.name,
  deploymentMode: r.instance.deploymentMode,
  fromVersion: r.fromVersion,
  targetVersion: r.targetVersion,
  path: r.path,
  state: r.state,
  version: r.version,
  preflight: (r.preflight as PreflightReport | null) ?? null,
  hopsVerified: r.hopsVerified,
  lastCheck: (r.lastCheck as HopCheck | null) ?? null,
  window: r.windowStart && r.windowEnd ? { start: r.windowStart.toISOString(), end: r.windowEnd.toISOString(), timeZone: r.windowTimeZone ?? "UTC" } : null,
  approval: { required: r.requiresApproval, at: r.approvedAt?.toISOString() ?? null, by: r.approvedByEmail },
  wave: waveOf(r),
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  createdBy: r.createdByEmail,
  updatedBy: r.updatedByEmail,
});

/** A plan as its audit rows record it. */
export const planAuditOf = (
  p: Pick<UpgradePlanDto, "id" | "state" | "fromVersion" | "targetVersion" | "path" | "version" | "window" | "hopsVerified" | "approval">,
) => ({
  planId: p.id,
  state: p.state,
  fromVersion: p.fromVersion,
  targetVersion: p.targetVersion,
  path: p.path,
  version: p.version,
  window: p.window,
  hopsVerified: p.hopsVerified,
  approval: p.approval,
});
