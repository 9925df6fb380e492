import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { log } from "../log";
import type { Actor } from "./audit";
import { getUpgradePlan } from "./upgrade-plans";
import { verifyCurrentHop } from "./upgrade-run";

const SYSTEM: Actor = { id: null, email: "system" };

/**
 * At the end of each running plan's window, verifies its current hop without a click: verified → the next hop (or
 * completed), otherwise needs attention with what Harbor answered, audited as `upgrade_plan.window_end` by system.
 * Exactly once per window across replicas and jobs (a conditional update claims it first); due windows are found in
 * the database, so a restart loses none. A concurrent verify by an operator wins: the check is then re-read once.
 * A process that dies between claim and verification leaves the plan as it was (never re-verified behind the
 * operator's back, who still has "Verify now"); that is logged, not retried.
 */
export async function verifyEndedWindows(now = new Date()): Promise<string[]> {
  const running = { in: ["in_progress" as const, "needs_attention" as const] };
  const due = await db.upgradePlan.findMany({ where: { state: running, windowEnd: { lte: now }, windowEndedAt: null }, select: { id: true } });
  const verified: string[] = [];
  for (const { id } of due) {
    const claimed = await db.upgradePlan.updateMany({ where: { id, state: running, windowEndedAt: null }, data: { windowEndedAt: now } });
    if (claimed.count !== 1) continue;
    const requestId = `window-end-${id.slice(0, 8)}-${now.getTime()}`;
    for (let attempt = 0; attempt < 2; attempt++) {
      const plan = await getUpgradePlan(id);
      if (!plan || !["in_progress", "needs_attention"].includes(plan.state)) break;
      try {
        await verifyCurrentHop({ planId: id, version: plan.version, actor: SYSTEM, requestId, action: "upgrade_plan.window_end" });
        verified.push(id);
        break;
      } catch (e) {
        if (e instanceof AppError && e.code === "conflict" && attempt === 0) continue;
        log.error("upgrade window end: verification failed", { requestId, planId: id, error: e });
        break;
      }
    }
  }
  return verified;
}
