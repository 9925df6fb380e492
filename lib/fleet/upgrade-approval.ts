import "server-only";
import { AppError } from "../errors";
import type { UpgradePlanDto } from "../schemas/upgrade";
import type { Actor } from "./audit";
import { changePlan } from "./upgrade-plans";

/**
 * An admin approves a booked window that needs it (the action checks the role; this checks the plan). Only before the
 * window starts: at its start an unapproved window is blocked, and a new window needs a new approval. Audited as
 * `upgrade_plan.approve` with the admin's name and the time.
 */
export async function approveUpgradePlan(opts: { planId: string; version: number; actor: Actor; requestId: string; now?: Date }): Promise<UpgradePlanDto> {
  const now = opts.now ?? new Date();
  return changePlan({
    ...opts,
    action: "upgrade_plan.approve",
    allowedFrom: ["scheduled"],
    guard: async (_tx, current) => {
      if (!current.approval.required) throw new AppError("validation", "This window was booked without the need for an admin's approval.");
      if (current.approval.at) throw new AppError("validation", `${current.approval.by} already approved this window.`);
      if (current.window && new Date(current.window.start) <= now)
        throw new AppError("validation", "This window has started: it can no longer be approved. Book a new window.");
    },
    data: () => ({ approvedAt: now, approvedById: opts.actor.id, approvedByEmail: opts.actor.email }),
  });
}
