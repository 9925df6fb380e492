import "server-only";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import { AppError } from "../errors";
import {
  CANCELLABLE_STATES,
  EDITABLE_STATES,
  type PreflightReport,
  type TUpgradePlanListParams,
  type UpgradePlanDto,
  type UpgradePlanState,
} from "../schemas/upgrade";
import { PLAN_SELECT, planAuditOf, toPlanDto } from "./upgrade-plan-dto";
import { planFor } from "./upgrade-subject";
import { recordAudit, type Actor } from "./audit";

export async function getUpgradePlan(id: string): Promise<UpgradePlanDto | null> {
  const row = await db.upgradePlan.findUnique({ where: { id }, select: PLAN_SELECT });
  return row ? toPlanDto(row) : null;
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
    select: PLAN_SELECT,
    orderBy: params.waveId ? { waveOrder: "asc" } : w ? { windowStart: "asc" } : { createdAt: "desc" },
    take: params.take ?? 200,
  });
  return rows.map(toPlanDto);
}

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
      select: PLAN_SELECT,
    });
    const dto = toPlanDto(row);
    await recordAudit(tx, {
      actor: opts.actor,
      action: "upgrade_plan.create",
      targetType: "instance",
      targetId: subject.id,
      targetName: subject.name,
      after: planAuditOf(dto),
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
    const current = await tx.upgradePlan.findUnique({ where: { id: opts.planId }, select: PLAN_SELECT });
    if (!current) throw new AppError("not_found", "This upgrade plan no longer exists.");
    const before = toPlanDto(current);
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
    const after = toPlanDto(await tx.upgradePlan.findUniqueOrThrow({ where: { id: opts.planId }, select: PLAN_SELECT }));
    await recordAudit(tx, {
      actor: opts.actor,
      action: opts.action,
      targetType: "instance",
      targetId: after.instanceId,
      targetName: after.instanceName,
      before: planAuditOf(before),
      after: {
        ...planAuditOf(after),
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
