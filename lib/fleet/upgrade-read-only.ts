import "server-only";
import { AppError } from "../errors";
import { getReadOnly, setReadOnly } from "../harbor";
import type { Actor } from "./audit";
import { auditStoredSecretUse, withInstanceClient } from "./harbor-session";
import { getUpgradePlan } from "./upgrade-plans";

const utc = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

/**
 * Switches Harbor's Repository Read Only on or off as a runbook step (PUT configurations `read_only`, with the stored
 * credential, sent only to the instance's saved URL). Only for a running plan and only inside its window: outside it
 * nobody agreed to a read-only registry. Audited whether Harbor accepted it or not; returns what Harbor then reports.
 */
export async function setPlanReadOnly(opts: {
  planId: string;
  readOnly: boolean;
  actor: Actor;
  requestId: string;
  now?: Date;
}): Promise<{ readOnly: boolean }> {
  const now = opts.now ?? new Date();
  const plan = await getUpgradePlan(opts.planId);
  if (!plan) throw new AppError("not_found", "This upgrade plan no longer exists.");
  if (plan.state !== "in_progress" && plan.state !== "needs_attention") {
    throw new AppError("validation", `This plan is ${plan.state.replace("_", " ")}: read-only is switched from the console while the upgrade runs.`);
  }
  if (!plan.window || now < new Date(plan.window.start) || now > new Date(plan.window.end)) {
    const when = plan.window ? ` (${utc(plan.window.start)} – ${utc(plan.window.end)})` : "";
    throw new AppError(
      "validation",
      `Read-only is switched from the console only inside the plan's window${when}; it is ${utc(now.toISOString())} now. Switch it in Harbor if you must.`,
    );
  }
  return withInstanceClient(
    plan.instanceId,
    async (client, inst) => {
      const put = await setReadOnly({ client, readOnly: opts.readOnly });
      const seen = put.ok ? await getReadOnly({ client }) : null;
      const outcome = !put.ok ? `refused: ${put.error.kind}` : seen?.ok ? `Harbor reports read_only=${seen.value.readOnly}` : "accepted";
      await auditStoredSecretUse(inst, {
        actor: opts.actor,
        action: "instance.read_only",
        requestId: opts.requestId,
        after: { planId: plan.id, readOnly: opts.readOnly, outcome },
      });
      if (!put.ok) throw new AppError("validation", `Harbor did not switch read-only ${opts.readOnly ? "on" : "off"}: ${put.error.message}`);
      const readOnly = seen?.ok && seen.value.readOnly !== null ? seen.value.readOnly : opts.readOnly;
      if (readOnly !== opts.readOnly) throw new AppError("validation", `Harbor accepted the change but still reports read-only ${readOnly ? "on" : "off"}.`);
      return { readOnly };
    },
    { detect: true },
  );
}
