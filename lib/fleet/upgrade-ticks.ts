import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { ALL_STEP_IDS } from "../config/upgrade-runbook-steps";
import type { RunbookTickDto } from "../schemas/upgrade";
import { recordAudit, type Actor } from "./audit";

/** States in which an operator follows the runbook. */
const RUNNING = ["in_progress", "needs_attention"] as const;

export async function listRunbookTicks(planId: string): Promise<RunbookTickDto[]> {
  const rows = await db.upgradeStepTick.findMany({ where: { planId }, orderBy: [{ hop: "asc" }, { tickedAt: "asc" }] });
  return rows.map((r) => ({ hop: r.hop, stepId: r.stepId, at: r.tickedAt.toISOString(), by: r.tickedByEmail }));
}

/**
 * Ticks or unticks one runbook step of a started plan, audited with who and when. Each step is its own row (insert if
 * absent, delete if present), not a field of the plan: two operators ticking at once never overwrite each other, and a
 * tick does not bump the plan's version (it would refuse their other edits). Ticking a ticked step changes nothing and
 * writes no audit row.
 */
export async function setRunbookTick(opts: {
  planId: string;
  hop: number;
  stepId: string;
  ticked: boolean;
  actor: Actor;
  requestId: string;
}): Promise<RunbookTickDto[]> {
  if (!ALL_STEP_IDS.includes(opts.stepId)) throw new AppError("validation", "This runbook has no such step.");
  await db.$transaction(async (tx) => {
    const plan = await tx.upgradePlan.findUnique({
      where: { id: opts.planId },
      select: { state: true, path: true, instanceId: true, instance: { select: { name: true } } },
    });
    if (!plan) throw new AppError("not_found", "This upgrade plan no longer exists.");
    if (!(RUNNING as readonly string[]).includes(plan.state)) {
      throw new AppError("validation", `This plan is ${plan.state.replace("_", " ")}: runbook steps are ticked while the upgrade runs.`);
    }
    if (opts.hop >= plan.path.length) throw new AppError("validation", "This plan has no such hop.");
    const key = { planId: opts.planId, hop: opts.hop, stepId: opts.stepId };
    const changed = opts.ticked
      ? (await tx.upgradeStepTick.createMany({ data: [{ ...key, tickedById: opts.actor.id, tickedByEmail: opts.actor.email }], skipDuplicates: true })).count
      : (await tx.upgradeStepTick.deleteMany({ where: key })).count;
    if (changed !== 1) return;
    await recordAudit(tx, {
      actor: opts.actor,
      action: opts.ticked ? "upgrade_plan.step_tick" : "upgrade_plan.step_untick",
      targetType: "instance",
      targetId: plan.instanceId,
      targetName: plan.instance.name,
      after: { planId: opts.planId, hop: opts.hop, to: plan.path[opts.hop], stepId: opts.stepId },
      requestId: opts.requestId,
    });
  });
  return listRunbookTicks(opts.planId);
}
