import "server-only";
import type { PgBoss } from "pg-boss";
import { reconcileTemplates } from "./template-reconcile";

/** The reconcile job's queue, beside the collector's on the same pg-boss ("stately": one queued and one running). */
export const TEMPLATE_RECONCILE_QUEUE = "webhook-template-reconcile";

/** Every `minutes` (the webhook inventory's cadence), one replica reconciles every template. */
export function reconcileCron(minutes: number): string {
  return minutes < 60 && 60 % minutes === 0 ? `*/${minutes} * * * *` : "0 * * * *";
}

export async function registerTemplateReconcile(boss: PgBoss, opts: { work: boolean; schedule: boolean; minutes: number; signal: AbortSignal }): Promise<void> {
  if (!(await boss.getQueue(TEMPLATE_RECONCILE_QUEUE))) await boss.createQueue(TEMPLATE_RECONCILE_QUEUE, { policy: "stately" });
  if (opts.work) await boss.work(TEMPLATE_RECONCILE_QUEUE, () => reconcileTemplates({ signal: opts.signal }).then(() => undefined));
  if (opts.schedule) await boss.schedule(TEMPLATE_RECONCILE_QUEUE, reconcileCron(opts.minutes));
}
