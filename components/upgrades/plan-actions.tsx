import type { UpgradePlanDto } from "@/lib/schemas/upgrade";
import { CANCELLABLE_STATES } from "@/lib/schemas/upgrade-constants";
import { CancelPlanButton } from "./cancel-plan-button";
import { RescheduleButton } from "./reschedule-button";

/** What an operator may do to a plan from the Upgrades page: move a booked window, cancel (each audited). */
export function PlanActions({ plan }: { plan: UpgradePlanDto }) {
  const cancellable = CANCELLABLE_STATES.includes(plan.state);
  if (plan.state !== "scheduled" && !cancellable) return null;
  return (
    <div className="flex flex-wrap items-start gap-2">
      {plan.state === "scheduled" && <RescheduleButton plan={plan} />}
      {cancellable && <CancelPlanButton planId={plan.id} version={plan.version} name={plan.instanceName} />}
    </div>
  );
}
