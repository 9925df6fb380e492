import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { AppError } from "../errors";
import { getHealth, getSystemInfo } from "../harbor";
import type { HopCheck, UpgradePlanDto } from "../schemas/upgrade";
import { toVersion, formatRelease } from "../releases";
import { verifyHop, waveCheck, type HopObservation } from "../upgrade";
import type { Actor } from "./audit";
import { auditStoredSecretUse, withInstanceClient } from "./harbor-session";
import { changePlan, getUpgradePlan } from "./upgrade-plans";

/** The hop a running plan is on: the first not yet verified. */
export function currentHop(plan: Pick<UpgradePlanDto, "fromVersion" | "path" | "hopsVerified">): { from: string; to: string; index: number } | null {
  if (plan.hopsVerified >= plan.path.length) return null;
  const i = plan.hopsVerified;
  return { from: i === 0 ? plan.fromVersion : plan.path[i - 1], to: plan.path[i], index: i };
}

/**
 * Starts the run of a ready plan: only inside its booked window (an upgrade outside the window nobody agreed to is
 * refused). From here on, operators follow the runbook and verify each hop.
 */
export async function startUpgrade(opts: { planId: string; version: number; actor: Actor; requestId: string; now?: Date }): Promise<UpgradePlanDto> {
  const now = opts.now ?? new Date();
  const plan = await getUpgradePlan(opts.planId);
  if (!plan) throw new AppError("not_found", "This upgrade plan no longer exists.");
  if (!plan.window) throw new AppError("validation", "Book a maintenance window first: the upgrade starts inside it.");
  if (now < new Date(plan.window.start) || now > new Date(plan.window.end)) {
    throw new AppError(
      "validation",
      `The upgrade starts inside its window (${plan.window.start.slice(0, 16).replace("T", " ")}–${plan.window.end.slice(0, 16).replace("T", " ")} UTC), not now.`,
    );
  }
  if (plan.approval.required && !plan.approval.at) {
    throw new AppError(
      "validation",
      "This window needed an admin's approval and did not get it before it started: book a new window and ask an admin to approve it.",
    );
  }
  const wave = waveCheck(plan.wave);
  if (wave?.status === "fail") throw new AppError("validation", `Not yet: ${wave.evidence}`);
  return changePlan({ ...opts, action: "upgrade_plan.start", allowedFrom: ["ready"], data: () => ({ state: "in_progress" }) });
}

/** What Harbor answers now about version and health, with the stored credential (sent only to its saved URL, audited). */
async function observe(instanceId: string, actor: Actor, requestId: string): Promise<HopObservation> {
  return withInstanceClient(
    instanceId,
    async (client, inst) => {
      const [info, health] = await Promise.all([getSystemInfo({ client }), getHealth({ client })]);
      await auditStoredSecretUse(inst, { actor, action: "instance.upgrade_check", requestId });
      const version = info.ok ? toVersion(info.value.harbor_version) : null;
      return {
        info: info.ok
          ? { ok: true, value: { version: version ? formatRelease(version) : null } }
          : { ok: false, kind: info.error.kind, message: info.error.message, status: info.error.status },
        health: health.ok
          ? { ok: true, value: { components: (health.value.components ?? []).map((c) => ({ name: c.name, status: c.status, error: c.error ?? null })) } }
          : { ok: false, kind: health.error.kind, message: health.error.message, status: health.error.status },
      };
    },
    { detect: true },
  );
}

/**
 * Verifies the current hop now: verified → the next hop (or completed after the last); otherwise needs attention with
 * what was seen. Verifying again from needs attention is how a plan continues once the operator fixed the cause.
 */
export async function verifyCurrentHop(opts: { planId: string; version: number; actor: Actor; requestId: string; action?: string }): Promise<UpgradePlanDto> {
  const plan = await getUpgradePlan(opts.planId);
  if (!plan) throw new AppError("not_found", "This upgrade plan no longer exists.");
  const hop = currentHop(plan);
  if (!hop || !["in_progress", "needs_attention"].includes(plan.state)) {
    throw new AppError("validation", `This plan is ${plan.state.replace("_", " ")}: there is no hop to verify.`);
  }
  const verdict = verifyHop(hop, await observe(plan.instanceId, opts.actor, opts.requestId));
  const check: HopCheck =
    verdict.kind === "verified"
      ? { at: new Date().toISOString(), from: hop.from, to: hop.to, verified: true, message: verdict.message, restore: false }
      : {
          at: new Date().toISOString(),
          from: hop.from,
          to: hop.to,
          verified: false,
          reason: verdict.reason,
          message: verdict.message,
          restore: verdict.restore,
        };
  const last = hop.index === plan.path.length - 1;
  return changePlan({
    ...opts,
    action: opts.action ?? "upgrade_plan.verify",
    allowedFrom: ["in_progress", "needs_attention"],
    data: (current) => {
      // the hop verified must still be the current one (a concurrent verify moved on: the version check refuses it first)
      const lastCheck = check as unknown as Prisma.InputJsonValue;
      if (!check.verified) return { state: "needs_attention", lastCheck };
      return { state: last ? "completed" : "in_progress", hopsVerified: current.hopsVerified + 1, lastCheck };
    },
  });
}
