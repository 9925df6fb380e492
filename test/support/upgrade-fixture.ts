/**
 * What the upgrade tests (test/integration/upgrade-*.test.ts) set up: an instance registered on a simulated Harbor
 * with the version its last detection found, a plan that passed pre-flight, a booked window, a running plan.
 */
import { db } from "@/lib/db";
import { createInstance } from "@/lib/fleet/instances";
import { createUpgradePlan, recordPreflight } from "@/lib/fleet/upgrade-plans";
import { scheduleUpgradePlan } from "@/lib/fleet/upgrade-windows";
import { ZInstanceCreateInput } from "@/lib/schemas/instance";
import type { PreflightReport, UpgradePlanDto } from "@/lib/schemas/upgrade";
import type { HarborSim } from "../harbor-sim";

export interface Actor {
  id: string | null;
  email: string;
}

export const op: Actor = { id: null, email: "op@example.com" };
export const PASSED: PreflightReport = { at: new Date().toISOString(), ok: true, checks: [], durationMs: 1 };
export const inMinutes = (m: number, from = new Date()) => new Date(from.getTime() + m * 60_000);

export interface InstanceOnSim {
  /** the start of the instance's (random) name */
  prefix: string;
  /** what detection found: the simulated instance's version unless given; null = never detected */
  version?: string | null;
  username?: string;
  secret?: string;
  actor?: Actor;
}

/** Registers simulated instance `simId` (admin / Harbor12345 unless told) and stores its detected version. */
export async function instanceOnSim(sim: HarborSim, simId: string, o: InstanceOnSim): Promise<string> {
  const created = await createInstance({
    input: ZInstanceCreateInput.parse({
      name: `${o.prefix}-${Math.random().toString(36).slice(2, 8)}`,
      environment: "staging",
      labels: "",
      baseUrl: sim.get(simId).baseUrl,
      username: o.username ?? "admin",
      secret: o.secret ?? "Harbor12345",
      deploymentMode: "docker_compose",
    }),
    actor: o.actor ?? op,
    requestId: "t",
  });
  // what the last detection found (the collector or Test connection would have stored it)
  if (o.version !== null)
    await db.harborInstance.update({ where: { id: created.id }, data: { harborVersion: o.version ?? sim.get(simId).spec.version, detectedAt: new Date() } });
  return created.id;
}

/** A plan to `target` that passed pre-flight. */
export async function passedPlan(instanceId: string, target: string, actor: Actor = op): Promise<UpgradePlanDto> {
  const draft = await createUpgradePlan({ instanceId, target, actor, requestId: "r" });
  return recordPreflight({ planId: draft.id, version: draft.version, report: PASSED, actor, requestId: "r" });
}

/** Books `plan`'s window (UTC) from `start` to `end`. */
export function bookWindow(plan: UpgradePlanDto, start: Date, end: Date, requiresApproval?: boolean, actor: Actor = op): Promise<UpgradePlanDto> {
  return scheduleUpgradePlan({ planId: plan.id, version: plan.version, start, end, timeZone: "UTC", requiresApproval, actor, requestId: "r" });
}

/** A plan to `target` already running (in progress) inside a UTC window from `start` to `end`. */
export async function runningPlan(instanceId: string, target: string, start: Date, end: Date, actor: Actor = op): Promise<UpgradePlanDto> {
  const plan = await createUpgradePlan({ instanceId, target, actor, requestId: "r" });
  await db.upgradePlan.update({ where: { id: plan.id }, data: { state: "in_progress", windowStart: start, windowEnd: end, windowTimeZone: "UTC" } });
  return plan;
}
