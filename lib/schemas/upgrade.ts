import * as z from "zod";
import { ZInstanceId, ZPlanId } from "./ids";
import { HARBOR_VERSION_PATTERN } from "./topology";
import { UPGRADE_PLAN_STATES, type UpgradePlanState } from "./upgrade-constants";

/** plan versions are PostgreSQL int4 */
const INT4_MAX = 2_147_483_647;

export { CANCELLABLE_STATES, EDITABLE_STATES, UPGRADE_PLAN_STATES, UPGRADE_STATE_LABEL, type UpgradePlanState } from "./upgrade-constants";

const target = z.string().trim().max(32).regex(HARBOR_VERSION_PATTERN, { error: "Choose a Harbor release, e.g. 2.15.2" });
const planVersion = z.number().int().min(1).max(INT4_MAX);

/** One schema per use case, shared by the wizard's forms and the server actions. */
export const ZUpgradePlanCreateInput = z.object({ instanceId: ZInstanceId, target });

export const ZUpgradePlanUpdateInput = z.object({ planId: ZPlanId, version: planVersion, target });

export const ZUpgradePlanRef = z.object({ planId: ZPlanId, version: planVersion });

/** A maintenance window: instants with an offset (the form sends UTC) and the IANA zone it was chosen in, for display. */
export const ZUpgradeScheduleInput = ZUpgradePlanRef.extend({
  start: z.iso.datetime({ offset: true, error: "Choose when the window starts." }),
  end: z.iso.datetime({ offset: true, error: "Choose when the window ends." }),
  timeZone: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_+\-/]+$/, { error: "Not a time zone name." }),
  /** the window may start only once an admin approved it */
  requiresApproval: z.boolean().default(false),
});

export const ZUpgradePlanListParams = z.object({
  state: z.enum(UPGRADE_PLAN_STATES).optional(),
  instance: ZInstanceId.optional(),
  /** the Upgrades page shows the plans as a list (default) or the next weeks' windows as a calendar */
  view: z.enum(["list", "calendar"]).optional(),
});
export type TUpgradePlanListParams = z.output<typeof ZUpgradePlanListParams>;

/** A wave: one target for instances in order, the first the canary; each gets its own draft plan. */
export const ZUpgradeWaveCreateInput = z.object({
  name: z.string().trim().min(1, { error: "Name the wave." }).max(80),
  target,
  instanceIds: z
    .array(z.uuid({ error: "Choose an instance." }))
    .min(2, { error: "A wave has at least two instances: a canary and one more." })
    .max(20, { error: "A wave has at most 20 instances." })
    .refine((ids) => new Set(ids).size === ids.length, { error: "Each instance may be in the wave once." }),
});
export type TUpgradeWaveCreateInput = z.input<typeof ZUpgradeWaveCreateInput>;

export const ZUpgradeWizardParams = z.object({ instance: ZInstanceId });
export const ZPlanIdParam = z.uuid();

export type PreflightStatus = "pass" | "fail" | "cannot-check";

export interface PreflightCheck {
  id: "reachable" | "credentials" | "version" | "health" | "read-only" | "gc" | "replication" | "storage" | "scan-all" | "approval" | "wave";
  label: string;
  status: PreflightStatus;
  /** what Harbor answered, or why it could not be asked */
  evidence: string;
}

export interface PreflightReport {
  at: string;
  /** true only when every check passed */
  ok: boolean;
  checks: PreflightCheck[];
  /** wall time of the whole pre-flight (its Harbor calls run concurrently) */
  durationMs: number;
}

/** One verification of a hop: when, which hop, and what it concluded from Harbor's answers. */
export interface HopCheck {
  at: string;
  from: string;
  to: string;
  verified: boolean;
  /** why it needs attention ("core-down" = the dirty-migration signature), absent when verified */
  reason?: string;
  message: string;
  /** the restore runbook is the way forward */
  restore: boolean;
}

export interface PlanWave {
  id: string;
  name: string;
  position: number;
  size: number;
  previous: { planId: string; instanceName: string; state: UpgradePlanState } | null;
}

export interface UpgradePlanDto {
  id: string;
  instanceId: string;
  instanceName: string;
  deploymentMode: "docker_compose" | "helm";
  fromVersion: string;
  targetVersion: string;
  path: string[];
  state: UpgradePlanState;
  version: number;
  preflight: PreflightReport | null;
  /** hops of `path` verified so far */
  hopsVerified: number;
  /** the last hop verification */
  lastCheck: HopCheck | null;
  /** the booked maintenance window (ISO instants) and the zone it was booked in */
  window: { start: string; end: string; timeZone: string } | null;
  /** whether the window needs an admin's approval to start, and who gave it when */
  approval: { required: boolean; at: string | null; by: string | null };
  /** the wave it belongs to: its place (1 = the canary) and the plan before it, which must complete first */
  wave: PlanWave | null;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
}

/** Ticking (or unticking) one runbook step of one hop of a started plan; step ids come from lib/config/upgrade-runbook-steps. */
export const ZRunbookTickInput = z.object({
  planId: ZPlanId,
  hop: z.number().int().min(0).max(31),
  stepId: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[a-z0-9-]+$/, { error: "Not a runbook step." }),
  ticked: z.boolean(),
});

/** Switching Harbor's read-only mode from a runbook step (PUT configurations read_only), inside the plan's window. */
export const ZReadOnlyInput = z.object({ planId: ZPlanId, readOnly: z.boolean() });

/** A ticked step: who ticked it and when. */
export interface RunbookTickDto {
  hop: number;
  stepId: string;
  at: string;
  by: string;
}
