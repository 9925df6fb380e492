import "server-only";
import type { PgBoss } from "pg-boss";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import { AppError } from "../errors";
import { log } from "../log";
import type { PreflightReport, UpgradePlanDto } from "../schemas/upgrade";
import { approvalCheck, waveCheck } from "../upgrade";
import { recordAudit, type Actor } from "./audit";
import { changePlan, getUpgradePlan } from "./upgrade-plans";
import { runPreflight } from "./upgrade-preflight";
import { verifyEndedWindows } from "./upgrade-window-end";

/** The queue of maintenance windows: a job at each window's start and end, and a minute's cron as the safety net. */
export const UPGRADE_WINDOW_QUEUE = "upgrade-windows";
/** A window whose start was claimed by a process that died is claimed again after this long. */
const CLAIM_TIMEOUT_MS = 5 * 60_000;
/** The longest window the console accepts. */
export const MAX_WINDOW_HOURS = 72;

const SYSTEM: Actor = { id: null, email: "system" };

function fieldError(field: "start" | "end", message: string): AppError {
  return new AppError("validation", message, { fieldErrors: { [field]: [message] } });
}

type WindowOpts = {
  planId: string;
  version: number;
  start: Date;
  end: Date;
  timeZone: string;
  /** the window may start only once an admin approved it */
  requiresApproval?: boolean;
  actor: Actor;
  requestId: string;
  now?: Date;
};

/**
 * Books a maintenance window for a ready plan. Windows of one instance never overlap: the check and the write hold a
 * transaction-scoped advisory lock on the instance, so two concurrent bookings (from any replica) are serialised and
 * the second sees the first.
 */
export async function scheduleUpgradePlan(opts: WindowOpts): Promise<UpgradePlanDto> {
  const plan = await checkWindow(opts);
  if (plan.state !== "ready") {
    throw new AppError(
      "validation",
      plan.state === "blocked" || plan.state === "draft"
        ? "Run pre-flight until it passes before booking a window."
        : `This plan is ${plan.state.replace("_", " ")}: it cannot be scheduled now.`,
    );
  }
  return bookWindow(opts, "upgrade_plan.schedule", "ready");
}

/**
 * Moves a booked window that has not started yet to another time, with the same refusals as booking it (in the past,
 * too long, overlapping another window of the instance). An approval was of the old window: the new one needs its own.
 */
export async function rescheduleUpgradePlan(opts: WindowOpts): Promise<UpgradePlanDto> {
  const plan = await checkWindow(opts);
  if (plan.state !== "scheduled")
    throw new AppError("validation", `This plan is ${plan.state.replace("_", " ")}: only a booked window that has not started can be moved.`);
  if (plan.window && new Date(plan.window.start) <= (opts.now ?? new Date()))
    throw new AppError("validation", "This window has started: it can no longer be moved.");
  return bookWindow(opts, "upgrade_plan.reschedule", "scheduled");
}

async function checkWindow(opts: WindowOpts): Promise<UpgradePlanDto> {
  const now = opts.now ?? new Date();
  if (opts.start.getTime() <= now.getTime()) throw fieldError("start", "The window must start in the future.");
  if (opts.end.getTime() <= opts.start.getTime()) throw fieldError("end", "The window must end after it starts.");
  if (opts.end.getTime() - opts.start.getTime() > MAX_WINDOW_HOURS * 3_600_000) throw fieldError("end", `A window lasts at most ${MAX_WINDOW_HOURS} hours.`);
  const plan = await getUpgradePlan(opts.planId);
  if (!plan) throw new AppError("not_found", "This upgrade plan no longer exists.");
  return plan;
}

function bookWindow(opts: WindowOpts, action: string, from: "ready" | "scheduled"): Promise<UpgradePlanDto> {
  return changePlan({
    planId: opts.planId,
    version: opts.version,
    action,
    actor: opts.actor,
    requestId: opts.requestId,
    allowedFrom: [from],
    guard: async (tx, current) => {
      await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${`upgrade-window:${current.instanceId}`}, 0))`;
      const clash = await tx.upgradePlan.findFirst({
        where: {
          instanceId: current.instanceId,
          id: { not: current.id },
          state: { in: ["scheduled", "in_progress"] },
          windowStart: { lt: opts.end },
          windowEnd: { gt: opts.start },
        },
        select: { windowStart: true, windowEnd: true, targetVersion: true },
      });
      if (clash) {
        throw fieldError(
          "start",
          `Overlaps the window booked for the upgrade to ${clash.targetVersion} (${clash.windowStart!.toISOString().slice(0, 16)}–${clash.windowEnd!.toISOString().slice(0, 16)} UTC) on this instance.`,
        );
      }
      // the window-start job claims a due window first; once claimed, it is no longer this window to move
      if (from === "scheduled") {
        const claimed = await tx.upgradePlan.count({ where: { id: current.id, windowStartedAt: { not: null } } });
        if (claimed) throw new AppError("validation", "This window has started: it can no longer be moved.");
      }
    },
    data: () => ({
      state: "scheduled",
      windowStart: opts.start,
      windowEnd: opts.end,
      windowTimeZone: opts.timeZone,
      windowStartedAt: null,
      windowEndedAt: null,
      ...approvalFor(opts.requiresApproval ?? false),
    }),
  });
}

/** A newly booked window: an earlier approval was of another window, so it never carries over. */
export const approvalFor = (required: boolean) => ({ requiresApproval: required, approvedAt: null, approvedById: null, approvedByEmail: null });

/**
 * Starts every window that is due: re-runs pre-flight and marks the plan ready or blocked, with the reasons. Exactly
 * once per window whatever the number of replicas or jobs: a process claims the window with a conditional update
 * before anything else. Survives restarts: due windows are found in the database, not in memory.
 */
export async function startDueWindows(now = new Date()): Promise<string[]> {
  const due = await db.upgradePlan.findMany({ where: { state: "scheduled", windowStart: { lte: now } }, select: { id: true } });
  const started: string[] = [];
  for (const { id } of due) {
    const claimed = await db.upgradePlan.updateMany({
      where: { id, state: "scheduled", OR: [{ windowStartedAt: null }, { windowStartedAt: { lt: new Date(now.getTime() - CLAIM_TIMEOUT_MS) } }] },
      data: { windowStartedAt: now },
    });
    if (claimed.count !== 1) continue;
    const plan = await getUpgradePlan(id);
    if (!plan) continue;
    const requestId = `window-${id.slice(0, 8)}-${now.getTime()}`;
    try {
      const harbor = await runPreflight({ instanceId: plan.instanceId, expectedVersion: plan.fromVersion, actor: SYSTEM, requestId });
      // the approval read at the claim (an admin approving after the start is too late for this window), and the wave
      const gates = [approvalCheck(plan.approval), waveCheck(plan.wave)].filter((c) => c !== null);
      const report: PreflightReport = gates.length
        ? { ...harbor, ok: harbor.ok && gates.every((c) => c.status === "pass"), checks: [...gates, ...harbor.checks] }
        : harbor;
      await db.$transaction(async (tx) => {
        const { count } = await tx.upgradePlan.updateMany({
          where: { id, state: "scheduled", windowStartedAt: now },
          data: {
            state: report.ok ? "ready" : "blocked",
            preflight: report as unknown as Prisma.InputJsonValue,
            preflightAt: new Date(report.at),
            version: { increment: 1 },
            updatedByEmail: SYSTEM.email,
          },
        });
        if (count !== 1) return;
        await recordAudit(tx, {
          actor: SYSTEM,
          action: "upgrade_plan.window_start",
          targetType: "instance",
          targetId: plan.instanceId,
          targetName: plan.instanceName,
          before: { planId: id, state: "scheduled" },
          after: {
            planId: id,
            state: report.ok ? "ready" : "blocked",
            reasons: report.checks.filter((c) => c.status !== "pass").map((c) => `${c.label}: ${c.status}: ${c.evidence}`),
          },
          requestId,
        });
        started.push(id);
      });
      if (started.includes(id)) log.info("upgrade window started", { requestId, planId: id, state: report.ok ? "ready" : "blocked" });
    } catch (e) {
      log.error("upgrade window start failed", { requestId, planId: id, error: e });
    }
  }
  return started;
}

/** Registers the window queue's worker and cron on the collector's pg-boss (workers only where the collector works). */
export async function registerUpgradeWindows(boss: PgBoss, opts: { work: boolean; schedule: boolean }): Promise<void> {
  if (!(await boss.getQueue(UPGRADE_WINDOW_QUEUE))) await boss.createQueue(UPGRADE_WINDOW_QUEUE, { policy: "singleton" });
  if (opts.work) {
    await boss.work(UPGRADE_WINDOW_QUEUE, async () => {
      await startDueWindows();
      await verifyEndedWindows();
    });
  }
  if (opts.schedule) await boss.schedule(UPGRADE_WINDOW_QUEUE, "* * * * *");
}

/** Wakes the window queue at a window's start or end (the minute's cron would also find it, up to a minute later). */
export async function wakeAt(boss: PgBoss, at: Date): Promise<void> {
  await boss.send(UPGRADE_WINDOW_QUEUE, {}, { startAfter: at });
}
