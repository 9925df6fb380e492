"use server";
import { revalidatePath } from "next/cache";
import { actorOf, requestId, requireRole } from "../auth";
import { AppError } from "../errors";
import { cancelUpgradePlan, createUpgradePlan, getUpgradePlan, recordPreflight, updateUpgradePlan } from "../fleet/upgrade-plans";
import { runPreflight } from "../fleet/upgrade-preflight";
import { approveUpgradePlan } from "../fleet/upgrade-approval";
import { createUpgradeWave, type UpgradeWaveDto } from "../fleet/upgrade-waves";
import { rescheduleUpgradePlan, scheduleUpgradePlan, wakeAt } from "../fleet/upgrade-windows";
import { startUpgrade, verifyCurrentHop } from "../fleet/upgrade-run";
import { getCollector } from "../fleet/collector/runtime";
import { log } from "../log";
import { setPlanReadOnly } from "../fleet/upgrade-read-only";
import { setRunbookTick } from "../fleet/upgrade-ticks";
import {
  EDITABLE_STATES,
  ZReadOnlyInput,
  ZRunbookTickInput,
  ZUpgradePlanCreateInput,
  ZUpgradePlanRef,
  ZUpgradePlanUpdateInput,
  ZUpgradeScheduleInput,
  ZUpgradeWaveCreateInput,
  type RunbookTickDto,
  type UpgradePlanDto,
} from "../schemas/upgrade";
import { runAction, validationResult, type ActionResult } from "./result";

function revalidate(plan: UpgradePlanDto) {
  revalidatePath("/upgrades");
  revalidatePath(`/upgrades/${plan.id}`);
}

export async function createUpgradePlanAction(input: unknown): Promise<ActionResult<UpgradePlanDto>> {
  const rid = await requestId();
  return runAction("createUpgradePlan", rid, async () => {
    const user = await requireRole("operator");
    const parsed = ZUpgradePlanCreateInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const plan = await createUpgradePlan({ ...parsed.data, actor: actorOf(user), requestId: rid });
    revalidate(plan);
    return { data: plan };
  });
}

export async function updateUpgradePlanAction(input: unknown): Promise<ActionResult<UpgradePlanDto>> {
  const rid = await requestId();
  return runAction("updateUpgradePlan", rid, async () => {
    const user = await requireRole("operator");
    const parsed = ZUpgradePlanUpdateInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const plan = await updateUpgradePlan({ ...parsed.data, actor: actorOf(user), requestId: rid });
    revalidate(plan);
    return { data: plan };
  });
}

export async function cancelUpgradePlanAction(input: unknown): Promise<ActionResult<UpgradePlanDto>> {
  const rid = await requestId();
  return runAction("cancelUpgradePlan", rid, async () => {
    const user = await requireRole("operator");
    const parsed = ZUpgradePlanRef.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const plan = await cancelUpgradePlan({ ...parsed.data, actor: actorOf(user), requestId: rid });
    revalidate(plan);
    return { data: plan };
  });
}

/** Runs pre-flight live against the plan's Harbor (its stored credential, audited) and marks the plan ready or blocked. */
export async function runPreflightAction(input: unknown): Promise<ActionResult<UpgradePlanDto>> {
  const rid = await requestId();
  return runAction("runPreflight", rid, async () => {
    const user = await requireRole("operator");
    const parsed = ZUpgradePlanRef.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const plan = await getUpgradePlan(parsed.data.planId);
    if (!plan) throw new AppError("not_found", "This upgrade plan no longer exists.");
    if (!EDITABLE_STATES.includes(plan.state)) throw new AppError("validation", `This plan is ${plan.state.replace("_", " ")}: pre-flight runs before it is scheduled.`);
    const actor = actorOf(user);
    const report = await runPreflight({ instanceId: plan.instanceId, expectedVersion: plan.fromVersion, actor, requestId: rid });
    const saved = await recordPreflight({ ...parsed.data, report, actor, requestId: rid });
    revalidate(saved);
    return { data: saved };
  });
}

async function queueWindow(plan: UpgradePlanDto, start: string, end: string, rid: string) {
  try {
    const { boss } = await getCollector();
    await wakeAt(boss, new Date(start));
    await wakeAt(boss, new Date(end));
  } catch (e) {
    log.warn("upgrade window: could not queue its start and end jobs; the minute's check will find them", { requestId: rid, planId: plan.id, error: e });
  }
}

/**
 * Books a maintenance window for a plan whose pre-flight passed. The window starts from the database (a job at its
 * start wakes the queue; the minute's cron finds it anyway if that job was lost), so a restart loses nothing.
 */
export async function scheduleUpgradePlanAction(input: unknown): Promise<ActionResult<UpgradePlanDto>> {
  const rid = await requestId();
  return runAction("scheduleUpgradePlan", rid, async () => {
    const user = await requireRole("operator");
    const parsed = ZUpgradeScheduleInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const { start, end, ...rest } = parsed.data;
    const plan = await scheduleUpgradePlan({ ...rest, start: new Date(start), end: new Date(end), actor: actorOf(user), requestId: rid });
    await queueWindow(plan, start, end, rid);
    revalidate(plan);
    return { data: plan };
  });
}

/** Moves a booked window that has not started (overlaps refused as when booking; a needed approval is asked again). */
export async function rescheduleUpgradePlanAction(input: unknown): Promise<ActionResult<UpgradePlanDto>> {
  const rid = await requestId();
  return runAction("rescheduleUpgradePlan", rid, async () => {
    const user = await requireRole("operator");
    const parsed = ZUpgradeScheduleInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const { start, end, ...rest } = parsed.data;
    const plan = await rescheduleUpgradePlan({ ...rest, start: new Date(start), end: new Date(end), actor: actorOf(user), requestId: rid });
    await queueWindow(plan, start, end, rid);
    revalidate(plan);
    return { data: plan };
  });
}

/** Plans a wave: a draft plan per instance, in order (the canary first), all to one target; nothing when one cannot. */
export async function createUpgradeWaveAction(input: unknown): Promise<ActionResult<UpgradeWaveDto>> {
  const rid = await requestId();
  return runAction("createUpgradeWave", rid, async () => {
    const user = await requireRole("operator");
    const parsed = ZUpgradeWaveCreateInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const wave = await createUpgradeWave({ ...parsed.data, actor: actorOf(user), requestId: rid });
    revalidatePath("/upgrades");
    return { data: wave };
  });
}

/** An admin approves a booked window that needs approval (operators cannot: checked here, on the server). */
export async function approveUpgradePlanAction(input: unknown): Promise<ActionResult<UpgradePlanDto>> {
  const rid = await requestId();
  return runAction("approveUpgradePlan", rid, async () => {
    const user = await requireRole("admin");
    const parsed = ZUpgradePlanRef.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const plan = await approveUpgradePlan({ ...parsed.data, actor: actorOf(user), requestId: rid });
    revalidate(plan);
    return { data: plan };
  });
}

/** Starts the run of a ready plan, inside its window only. */
export async function startUpgradeAction(input: unknown): Promise<ActionResult<UpgradePlanDto>> {
  const rid = await requestId();
  return runAction("startUpgrade", rid, async () => {
    const user = await requireRole("operator");
    const parsed = ZUpgradePlanRef.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const plan = await startUpgrade({ ...parsed.data, actor: actorOf(user), requestId: rid });
    revalidate(plan);
    return { data: plan };
  });
}

/** Asks Harbor (stored credential, audited) whether the current hop is done: verified, or needs attention with why. */
export async function verifyHopAction(input: unknown): Promise<ActionResult<UpgradePlanDto>> {
  const rid = await requestId();
  return runAction("verifyHop", rid, async () => {
    const user = await requireRole("operator");
    const parsed = ZUpgradePlanRef.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const plan = await verifyCurrentHop({ ...parsed.data, actor: actorOf(user), requestId: rid });
    revalidate(plan);
    return { data: plan };
  });
}

/** Ticks or unticks a runbook step of a running plan (audited; concurrent ticks by several operators all land). */
export async function tickRunbookStepAction(input: unknown): Promise<ActionResult<RunbookTickDto[]>> {
  const rid = await requestId();
  return runAction("tickRunbookStep", rid, async () => {
    const user = await requireRole("operator");
    const parsed = ZRunbookTickInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const ticks = await setRunbookTick({ ...parsed.data, actor: actorOf(user), requestId: rid });
    revalidatePath(`/upgrades/${parsed.data.planId}`);
    return { data: ticks };
  });
}

/** Switches Harbor's Repository Read Only on or off as a runbook step: running plans only, inside the window, audited. */
export async function setReadOnlyAction(input: unknown): Promise<ActionResult<{ readOnly: boolean }>> {
  const rid = await requestId();
  return runAction("setReadOnly", rid, async () => {
    const user = await requireRole("operator");
    const parsed = ZReadOnlyInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const result = await setPlanReadOnly({ ...parsed.data, actor: actorOf(user), requestId: rid });
    revalidatePath(`/upgrades/${parsed.data.planId}`);
    return { data: result };
  });
}
