"use server";
import { revalidatePath } from "next/cache";
import { AppError } from "../errors";
import { cancelUpgradePlan, createUpgradePlan, getUpgradePlan, recordPreflight, updateUpgradePlan } from "../fleet/upgrade-plans";
import { runPreflight } from "../fleet/upgrade-preflight";
import { approveUpgradePlan } from "../fleet/upgrade-approval";
import { createUpgradeWave } from "../fleet/upgrade-waves";
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
  type UpgradePlanDto,
} from "../schemas/upgrade";
import { action } from "./define";

function revalidate(plan: UpgradePlanDto) {
  revalidatePath("/upgrades");
  revalidatePath(`/upgrades/${plan.id}`);
}

export const createUpgradePlanAction = action("createUpgradePlan", "operator", ZUpgradePlanCreateInput, async (input, { actor, requestId }) => {
  const plan = await createUpgradePlan({ ...input, actor, requestId });
  revalidate(plan);
  return plan;
});

export const updateUpgradePlanAction = action("updateUpgradePlan", "operator", ZUpgradePlanUpdateInput, async (input, { actor, requestId }) => {
  const plan = await updateUpgradePlan({ ...input, actor, requestId });
  revalidate(plan);
  return plan;
});

export const cancelUpgradePlanAction = action("cancelUpgradePlan", "operator", ZUpgradePlanRef, async (input, { actor, requestId }) => {
  const plan = await cancelUpgradePlan({ ...input, actor, requestId });
  revalidate(plan);
  return plan;
});

/** Runs pre-flight live against the plan's Harbor (its stored credential, audited) and marks the plan ready or blocked. */
export const runPreflightAction = action("runPreflight", "operator", ZUpgradePlanRef, async (input, { actor, requestId }) => {
  const plan = await getUpgradePlan(input.planId);
  if (!plan) throw new AppError("not_found", "This upgrade plan no longer exists.");
  if (!EDITABLE_STATES.includes(plan.state))
    throw new AppError("validation", `This plan is ${plan.state.replace("_", " ")}: pre-flight runs before it is scheduled.`);
  const report = await runPreflight({ instanceId: plan.instanceId, expectedVersion: plan.fromVersion, actor, requestId });
  const saved = await recordPreflight({ ...input, report, actor, requestId });
  revalidate(saved);
  return saved;
});

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
export const scheduleUpgradePlanAction = action("scheduleUpgradePlan", "operator", ZUpgradeScheduleInput, async (input, { actor, requestId }) => {
  const { start, end, ...rest } = input;
  const plan = await scheduleUpgradePlan({ ...rest, start: new Date(start), end: new Date(end), actor, requestId });
  await queueWindow(plan, start, end, requestId);
  revalidate(plan);
  return plan;
});

/** Moves a booked window that has not started (overlaps refused as when booking; a needed approval is asked again). */
export const rescheduleUpgradePlanAction = action("rescheduleUpgradePlan", "operator", ZUpgradeScheduleInput, async (input, { actor, requestId }) => {
  const { start, end, ...rest } = input;
  const plan = await rescheduleUpgradePlan({ ...rest, start: new Date(start), end: new Date(end), actor, requestId });
  await queueWindow(plan, start, end, requestId);
  revalidate(plan);
  return plan;
});

/** Plans a wave: a draft plan per instance, in order (the canary first), all to one target; nothing when one cannot. */
export const createUpgradeWaveAction = action("createUpgradeWave", "operator", ZUpgradeWaveCreateInput, async (input, { actor, requestId }) => {
  const wave = await createUpgradeWave({ ...input, actor, requestId });
  revalidatePath("/upgrades");
  return wave;
});

/** An admin approves a booked window that needs approval (operators cannot: checked here, on the server). */
export const approveUpgradePlanAction = action("approveUpgradePlan", "admin", ZUpgradePlanRef, async (input, { actor, requestId }) => {
  const plan = await approveUpgradePlan({ ...input, actor, requestId });
  revalidate(plan);
  return plan;
});

/** Starts the run of a ready plan, inside its window only. */
export const startUpgradeAction = action("startUpgrade", "operator", ZUpgradePlanRef, async (input, { actor, requestId }) => {
  const plan = await startUpgrade({ ...input, actor, requestId });
  revalidate(plan);
  return plan;
});

/** Asks Harbor (stored credential, audited) whether the current hop is done: verified, or needs attention with why. */
export const verifyHopAction = action("verifyHop", "operator", ZUpgradePlanRef, async (input, { actor, requestId }) => {
  const plan = await verifyCurrentHop({ ...input, actor, requestId });
  revalidate(plan);
  return plan;
});

/** Ticks or unticks a runbook step of a running plan (audited; concurrent ticks by several operators all land). */
export const tickRunbookStepAction = action("tickRunbookStep", "operator", ZRunbookTickInput, async (input, { actor, requestId }) => {
  const ticks = await setRunbookTick({ ...input, actor, requestId });
  revalidatePath(`/upgrades/${input.planId}`);
  return ticks;
});

/** Switches Harbor's Repository Read Only on or off as a runbook step: running plans only, inside the window, audited. */
export const setReadOnlyAction = action("setReadOnly", "operator", ZReadOnlyInput, async (input, { actor, requestId }) => {
  const result = await setPlanReadOnly({ ...input, actor, requestId });
  revalidatePath(`/upgrades/${input.planId}`);
  return result;
});
