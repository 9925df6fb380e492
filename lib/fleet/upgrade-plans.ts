import "server-only";
import * as z from "zod";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import { AppError } from "../errors";
import { planUpgradePath } from "../upgrade";
import { formatRelease } from "../releases";
import {
  CANCELLABLE_STATES,
  EDITABLE_STATES,
  type HopCheck,
  type PreflightReport,
  type PlanWave,
  type TUpgradePlanListParams,
  type UpgradePlanDto,
  type UpgradePlanState,
} from "../schemas/upgrade";
import { recordAudit, type Actor } from "./audit";

const SELECT = {
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
type Row = Prisma.UpgradePlanGetPayload<{ select: typeof SELECT }>;

function waveOf(r: Row): PlanWave | null {
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

const toDto = (r: Row): UpgradePlanDto => ({
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

const ZDatabaseKind = z.object({ database: z.object({ type: z.enum(["internal", "external"]) }) });

/** What planning needs to know about an instance: the version it runs (last poll, else last detection) and its database. */
export async function getUpgradeSubject(instanceId: string) {
  const inst = await db.harborInstance.findUnique({
    where: { id: instanceId },
    select: { id: true, name: true, deploymentMode: true, harborVersion: true, detectedAt: true, status: { select: { harborVersion: true, checkedAt: true } } },
  });
  if (!inst) return null;
  const rev = await db.topologyRevision.findFirst({ where: { instanceId }, select: { topology: true, revision: true }, orderBy: { revision: "desc" } });
  const parsed = rev ? ZDatabaseKind.safeParse(rev.topology) : null;
  // the newer of the last poll and the last detection (a "Re-check now" is a detection)
  const polled = inst.status?.harborVersion ? { version: inst.status.harborVersion, at: inst.status.checkedAt } : null;
  const detected = inst.harborVersion ? { version: inst.harborVersion, at: inst.detectedAt } : null;
  const live = polled && (!detected || (polled.at?.getTime() ?? 0) >= (detected.at?.getTime() ?? 0)) ? polled : detected;
  return {
    id: inst.id,
    name: inst.name,
    deploymentMode: inst.deploymentMode,
    liveVersion: live?.version ?? null,
    liveAt: live?.at?.toISOString() ?? null,
    /** unknown without a recorded topology: the planner then assumes the internal one (it only adds constraints) */
    internalDatabase: parsed?.success ? parsed.data.database.type === "internal" : true,
    topologyRevision: rev?.revision ?? null,
  };
}

/** The path from the instance's live version to the target, or a refusal at the target field. */
export async function planFor(instanceId: string, target: string) {
  const subject = await getUpgradeSubject(instanceId);
  if (!subject) throw new AppError("not_found", "This instance no longer exists; someone deleted it.");
  if (!subject.liveVersion) {
    const msg = "The console has not detected this instance's version yet: press “Re-check now” (or Test connection on its page) first.";
    throw new AppError("validation", msg, { fieldErrors: { target: [msg] } });
  }
  const plan = planUpgradePath(subject.liveVersion, target, { internalDatabase: subject.internalDatabase });
  if (!plan.ok) throw new AppError("validation", plan.error, { fieldErrors: { target: [plan.error] } });
  if (plan.hops.length === 0) {
    const msg = `${subject.name} already runs ${formatRelease(plan.from)}: choose a newer release.`;
    throw new AppError("validation", msg, { fieldErrors: { target: [msg] } });
  }
  return { subject, from: formatRelease(plan.from), path: plan.hops.map((h) => formatRelease(h.to)) };
}

export async function getUpgradePlan(id: string): Promise<UpgradePlanDto | null> {
  const row = await db.upgradePlan.findUnique({ where: { id }, select: SELECT });
  return row ? toDto(row) : null;
}

/** Plans as the filters select them, newest first; with `windowsBetween`, only those whose window meets it, by start. */
export async function listUpgradePlans(
  params: TUpgradePlanListParams & { take?: number; windowsBetween?: { from: Date; to: Date }; excludeCancelled?: boolean; waveId?: string },
): Promise<UpgradePlanDto[]> {
  const w = params.windowsBetween;
  const rows = await db.upgradePlan.findMany({
    where: {
      ...(params.state ? { state: params.state } : params.excludeCancelled ? { state: { not: "cancelled" } } : {}),
      ...(params.instance ? { instanceId: params.instance } : {}),
      ...(w ? { windowStart: { lt: w.to }, windowEnd: { gt: w.from } } : {}),
      ...(params.waveId ? { waveId: params.waveId } : {}),
    },
    select: SELECT,
    orderBy: params.waveId ? { waveOrder: "asc" } : w ? { windowStart: "asc" } : { createdAt: "desc" },
    take: params.take ?? 200,
  });
  return rows.map(toDto);
}

const auditOf = (p: Pick<UpgradePlanDto, "id" | "state" | "fromVersion" | "targetVersion" | "path" | "version" | "window" | "hopsVerified" | "approval">) => ({
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

export async function createUpgradePlan(opts: { instanceId: string; target: string; actor: Actor; requestId: string }): Promise<UpgradePlanDto> {
  const { subject, from, path } = await planFor(opts.instanceId, opts.target);
  return db.$transaction(async (tx) => {
    const row = await tx.upgradePlan.create({
      data: {
        instanceId: subject.id,
        fromVersion: from,
        targetVersion: path[path.length - 1],
        path,
        createdById: opts.actor.id,
        createdByEmail: opts.actor.email,
        updatedByEmail: opts.actor.email,
      },
      select: SELECT,
    });
    const dto = toDto(row);
    await recordAudit(tx, {
      actor: opts.actor,
      action: "upgrade_plan.create",
      targetType: "instance",
      targetId: subject.id,
      targetName: subject.name,
      after: auditOf(dto),
      requestId: opts.requestId,
    });
    return dto;
  });
}

/**
 * Moves a plan from `version` to a new state of its fields, refusing (conflict) when someone changed it since the
 * caller read it, and (validation) when its state no longer allows the change. One audit row per change.
 */
export async function changePlan(opts: {
  planId: string;
  version: number;
  action: string;
  actor: Actor;
  requestId: string;
  allowedFrom: readonly UpgradePlanState[];
  /** a further check inside the transaction, before the write (e.g. overlapping windows); throws to refuse */
  guard?: (tx: Prisma.TransactionClient, current: UpgradePlanDto) => Promise<void>;
  data: (current: UpgradePlanDto) => Prisma.UpgradePlanUpdateManyMutationInput;
}): Promise<UpgradePlanDto> {
  return db.$transaction(async (tx) => {
    const current = await tx.upgradePlan.findUnique({ where: { id: opts.planId }, select: SELECT });
    if (!current) throw new AppError("not_found", "This upgrade plan no longer exists.");
    const before = toDto(current);
    if (current.version !== opts.version) {
      throw new AppError(
        "conflict",
        `${current.updatedByEmail} changed this plan since you opened it (it is now ${before.state}, to ${before.targetVersion}). Reload to see their change; your choice is still in the form.`,
      );
    }
    if (!opts.allowedFrom.includes(current.state)) {
      throw new AppError("validation", `This plan is ${before.state.replace("_", " ")}: it can no longer be changed that way.`);
    }
    await opts.guard?.(tx, before);
    const { count } = await tx.upgradePlan.updateMany({
      where: { id: opts.planId, version: opts.version },
      data: { ...opts.data(before), version: { increment: 1 }, updatedByEmail: opts.actor.email },
    });
    if (count !== 1)
      throw new AppError("conflict", "Someone changed this plan at the same moment. Reload to see their change; your choice is still in the form.");
    const after = toDto(await tx.upgradePlan.findUniqueOrThrow({ where: { id: opts.planId }, select: SELECT }));
    await recordAudit(tx, {
      actor: opts.actor,
      action: opts.action,
      targetType: "instance",
      targetId: after.instanceId,
      targetName: after.instanceName,
      before: auditOf(before),
      after: {
        ...auditOf(after),
        ...(after.preflight ? { preflight: after.preflight.checks.map((c) => `${c.id}:${c.status}`) } : {}),
        ...(opts.action === "upgrade_plan.verify" && after.lastCheck ? { check: { ...after.lastCheck } } : {}),
      },
      requestId: opts.requestId,
    });
    return after;
  });
}

/** A new target re-plans from the live version and takes the plan back to draft (its pre-flight no longer holds). */
export async function updateUpgradePlan(opts: { planId: string; version: number; target: string; actor: Actor; requestId: string }): Promise<UpgradePlanDto> {
  const existing = await db.upgradePlan.findUnique({ where: { id: opts.planId }, select: { instanceId: true } });
  if (!existing) throw new AppError("not_found", "This upgrade plan no longer exists.");
  const { from, path } = await planFor(existing.instanceId, opts.target);
  return changePlan({
    ...opts,
    action: "upgrade_plan.update",
    allowedFrom: EDITABLE_STATES,
    data: () => ({ fromVersion: from, targetVersion: path[path.length - 1], path, state: "draft", preflight: Prisma.DbNull, preflightAt: null }),
  });
}

export async function cancelUpgradePlan(opts: { planId: string; version: number; actor: Actor; requestId: string }): Promise<UpgradePlanDto> {
  return changePlan({ ...opts, action: "upgrade_plan.cancel", allowedFrom: CANCELLABLE_STATES, data: () => ({ state: "cancelled" }) });
}

/** Stores a pre-flight's report: the plan is ready when every check passed, blocked otherwise. */
export async function recordPreflight(opts: {
  planId: string;
  version: number;
  report: PreflightReport;
  actor: Actor;
  requestId: string;
}): Promise<UpgradePlanDto> {
  return changePlan({
    ...opts,
    action: "upgrade_plan.preflight",
    allowedFrom: EDITABLE_STATES,
    data: () => ({
      state: opts.report.ok ? "ready" : "blocked",
      preflight: opts.report as unknown as Prisma.InputJsonValue,
      preflightAt: new Date(opts.report.at),
    }),
  });
}

/** The instances that have a plan, by name: the Upgrades page's instance filter. */
export async function listPlannedInstances(): Promise<{ id: string; name: string }[]> {
  const rows = await db.upgradePlan.findMany({ distinct: ["instanceId"], select: { instanceId: true, instance: { select: { name: true } } } });
  return rows.map((r) => ({ id: r.instanceId, name: r.instance.name })).sort((a, b) => a.name.localeCompare(b.name));
}
