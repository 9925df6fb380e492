import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import type { UpgradePlanDto } from "../schemas/upgrade";
import { recordAudit, type Actor } from "./audit";
import { listUpgradePlans } from "./upgrade-plans";
import { planFor } from "./upgrade-subject";

export interface UpgradeWaveDto {
  id: string;
  name: string;
  targetVersion: string;
  createdAt: string;
  createdBy: string;
  /** in wave order, the canary first */
  plans: UpgradePlanDto[];
}

/**
 * A wave: a draft plan per instance, in the order given (the first is the canary), all to one target. Every instance
 * must reach the target; a refusal names the instance at its place (`instanceIds.N`) and nothing is created. Each plan
 * then goes through its own pre-flight and window; one may start only once the plan before it is completed.
 */
export async function createUpgradeWave(opts: {
  name: string;
  target: string;
  instanceIds: string[];
  actor: Actor;
  requestId: string;
}): Promise<UpgradeWaveDto> {
  const planned = await Promise.all(
    opts.instanceIds.map((id) =>
      planFor(id, opts.target).then(
        (p) => ({ ok: true as const, p }),
        (e: unknown) => ({ ok: false as const, e }),
      ),
    ),
  );
  const fieldErrors: Record<string, string[]> = {};
  planned.forEach((r, i) => {
    if (r.ok) return;
    if (!(r.e instanceof AppError)) throw r.e;
    fieldErrors[`instanceIds.${i}`] = [r.e.fieldErrors?.target?.[0] ?? r.e.message];
  });
  if (Object.keys(fieldErrors).length) throw new AppError("validation", "Some instances cannot take this target: see each one.", { fieldErrors });
  const plans = planned.map((r) => (r.ok ? r.p : null)!);
  const target = plans[0].path[plans[0].path.length - 1];
  const waveId = await db.$transaction(async (tx) => {
    const wave = await tx.upgradeWave.create({ data: { name: opts.name, targetVersion: target, createdByEmail: opts.actor.email }, select: { id: true } });
    for (const [order, { subject, from, path }] of plans.entries()) {
      const plan = await tx.upgradePlan.create({
        data: {
          instanceId: subject.id,
          fromVersion: from,
          targetVersion: target,
          path,
          waveId: wave.id,
          waveOrder: order,
          createdById: opts.actor.id,
          createdByEmail: opts.actor.email,
          updatedByEmail: opts.actor.email,
        },
        select: { id: true, state: true, version: true },
      });
      await recordAudit(tx, {
        actor: opts.actor,
        action: "upgrade_plan.create",
        targetType: "instance",
        targetId: subject.id,
        targetName: subject.name,
        after: {
          planId: plan.id,
          state: plan.state,
          fromVersion: from,
          targetVersion: target,
          path,
          version: plan.version,
          waveId: wave.id,
          wavePosition: order + 1,
        },
        requestId: opts.requestId,
      });
    }
    await recordAudit(tx, {
      actor: opts.actor,
      action: "upgrade_wave.create",
      targetType: "upgrade_wave",
      targetId: wave.id,
      targetName: opts.name,
      after: { waveId: wave.id, name: opts.name, targetVersion: target, instances: plans.map((p) => p.subject.name) },
      requestId: opts.requestId,
    });
    return wave.id;
  });
  return (await getUpgradeWave(waveId))!;
}

/** A wave with the number of its plans, not the plans: what a page shows before it reads them. */
export async function getUpgradeWaveSummary(id: string): Promise<(Omit<UpgradeWaveDto, "plans"> & { planCount: number }) | null> {
  const wave = await db.upgradeWave.findUnique({ where: { id }, include: { _count: { select: { plans: true } } } });
  if (!wave) return null;
  return {
    id: wave.id,
    name: wave.name,
    targetVersion: wave.targetVersion,
    createdAt: wave.createdAt.toISOString(),
    createdBy: wave.createdByEmail,
    planCount: wave._count.plans,
  };
}

export async function getUpgradeWave(id: string): Promise<UpgradeWaveDto | null> {
  const wave = await db.upgradeWave.findUnique({ where: { id } });
  if (!wave) return null;
  const plans = await listUpgradePlans({ waveId: id });
  return { id: wave.id, name: wave.name, targetVersion: wave.targetVersion, createdAt: wave.createdAt.toISOString(), createdBy: wave.createdByEmail, plans };
}

/** The instances a wave may take, by name, with the version each runs (last poll or detection). */
export async function listWaveCandidates(): Promise<{ id: string; name: string; version: string | null }[]> {
  const rows = await db.harborInstance.findMany({
    select: { id: true, name: true, harborVersion: true, status: { select: { harborVersion: true } } },
    orderBy: { name: "asc" },
    take: 500,
  });
  return rows.map((r) => ({ id: r.id, name: r.name, version: r.status?.harborVersion ?? r.harborVersion }));
}
