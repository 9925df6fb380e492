import { Download } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { EDITABLE_STATES } from "@/lib/schemas/upgrade-constants";
import type { UpgradePlanDto } from "@/lib/schemas/upgrade";
import type { UpgradePlanView } from "@/lib/queries/upgrades";
import { targetOptions } from "@/lib/upgrade";
import { ApprovalPanel } from "./approval-panel";
import { CancelPlanButton } from "./cancel-plan-button";
import { HopImpactList } from "./hop-impact-list";
import { LiveVersionCard } from "./live-version-card";
import { PlanStateBadge } from "./plan-state-badge";
import { PreflightPanel } from "./preflight-panel";
import { RescheduleButton } from "./reschedule-button";
import { RunbookChecklist } from "./runbook-checklist";
import { RunbookPreview } from "./runbook-preview";
import { RunPanel } from "./run-panel";
import { ScheduleForm } from "./schedule-form";
import { TargetForm } from "./target-form";
import { WindowSummary } from "./window-summary";
import { WizardSteps } from "./wizard-steps";

/** The plan's view as the server read it (lib/fleet/upgrade-view.ts), and what the reader may do with it. */
export type UpgradePlanDetailProps = UpgradePlanView & {
  /** operators change plans; viewers read them */
  canEdit: boolean;
  /** admins approve windows */
  canApprove: boolean;
};

/** The wizard's step a plan is at, for the step bar. */
function currentStep(plan: UpgradePlanDto) {
  if (["in_progress", "needs_attention", "completed"].includes(plan.state)) return "run";
  if (plan.window) return "runbook";
  return plan.state === "ready" ? "schedule" : "preflight";
}

/** One upgrade plan: target, path and impact, pre-flight, schedule, runbook, run and verify (the wizard's six steps). */
export function UpgradePlanDetail({ plan, impact, canEdit, canApprove, ...view }: UpgradePlanDetailProps) {
  const editable = EDITABLE_STATES.includes(plan.state);
  const choices = view.liveVersion ? targetOptions(view.liveVersion, { internalDatabase: view.internalDatabase }).reachable : [];
  const moved = view.liveVersion !== null && view.liveVersion !== plan.fromVersion;
  return (
    <>
      <PageHeader
        title={`Upgrade ${plan.instanceName}: ${plan.fromVersion} → ${plan.targetVersion}`}
        description={
          <>
            <PlanStateBadge state={plan.state} /> {[plan.fromVersion, ...plan.path].join(" → ")} · created by {plan.createdBy}, last changed by {plan.updatedBy}
            .{" "}
            <Link href={`/instances/${plan.instanceId}`} className="text-accent underline underline-offset-2">
              Instance page
            </Link>
          </>
        }
        actions={
          <>
            {view.runbook && (
              <Button asChild variant="secondary" size="sm">
                <a href={`/api/upgrades/${plan.id}/runbook`} download>
                  <Download className="size-4" aria-hidden /> Download runbook
                </a>
              </Button>
            )}
            {canEdit && plan.state !== "cancelled" && plan.state !== "completed" && plan.state !== "in_progress" && (
              <CancelPlanButton planId={plan.id} version={plan.version} />
            )}
          </>
        }
      />
      <WizardSteps current={currentStep(plan)} planned />
      {plan.wave && (
        <Notice tone={plan.wave.previous && plan.wave.previous.state !== "completed" ? "warning" : "info"} className="mb-4" data-testid="plan-wave">
          Instance {plan.wave.position} of {plan.wave.size}
          {plan.wave.position === 1 ? " (the canary)" : ""} in wave{" "}
          <Link href={`/upgrades/waves/${plan.wave.id}`} className="underline underline-offset-2">
            {plan.wave.name}
          </Link>
          .
          {plan.wave.previous &&
            (plan.wave.previous.state === "completed"
              ? ` ${plan.wave.previous.instanceName}, before it, is completed.`
              : ` It starts only once ${plan.wave.previous.instanceName}, before it, is completed (now ${plan.wave.previous.state.replace("_", " ")}).`)}
        </Notice>
      )}
      {moved && editable && (
        <Notice tone="warning" className="mb-4">
          Harbor now runs {view.liveVersion}, not {plan.fromVersion}: re-plan to the target below to start from {view.liveVersion}.
        </Notice>
      )}
      <div className="space-y-4">
        <div className="grid gap-4 lg:grid-cols-2">
          <LiveVersionCard instanceId={plan.instanceId} version={view.liveVersion} at={view.liveAt} canRecheck={canEdit && editable} />
          <Card id="target">
            <CardTitle className="mb-3">1. Target</CardTitle>
            {canEdit && editable && choices.length > 0 ? (
              <TargetForm
                key={`${plan.version}`}
                choices={choices}
                initial={choices.some((c) => c.version === plan.targetVersion) ? plan.targetVersion : choices[0].version}
                mode={{ kind: "edit", planId: plan.id, version: plan.version }}
              />
            ) : (
              <p className="text-sm">
                Target <span className="font-mono">{plan.targetVersion}</span>.
                {!canEdit && <span className="text-muted"> Viewers read plans; operators change them.</span>}
              </p>
            )}
          </Card>
        </div>
        <Card id="path">
          <CardTitle className="mb-3">2. Path and impact</CardTitle>
          {!impact.ok ? (
            <Notice tone="warning">{impact.error}</Notice>
          ) : (
            <>
              {impact.blocking.length > 0 && (
                <Notice tone="danger" className="mb-3">
                  Before this plan can run: {impact.blocking.join("; ")}.
                </Notice>
              )}
              <HopImpactList hops={impact.hops} instanceId={plan.instanceId} topologyRevision={view.topologyRevision} />
            </>
          )}
        </Card>
        <Card id="preflight">
          <CardTitle className="mb-3">3. Pre-flight</CardTitle>
          <PreflightPanel planId={plan.id} version={plan.version} report={plan.preflight} canRun={canEdit && editable} />
        </Card>
        <Card id="schedule">
          <CardTitle className="mb-3">4. Schedule</CardTitle>
          {plan.window && (
            <div className="mb-3 space-y-2">
              <WindowSummary window={plan.window} />
              <ApprovalPanel plan={plan} canApprove={canApprove} />
              {canEdit && plan.state === "scheduled" && <RescheduleButton plan={plan} />}
              {plan.state === "scheduled" && (
                <p className="text-sm text-muted">
                  At the window&apos;s start the console runs pre-flight again and marks the plan ready or blocked, with the reasons.
                </p>
              )}
              {(plan.state === "in_progress" || plan.state === "needs_attention") && (
                <p className="text-sm text-muted">
                  At the window&apos;s end the console verifies the current hop by itself, once: verified, or needs attention with what Harbor answered.
                </p>
              )}
            </div>
          )}
          {canEdit && plan.state === "ready" ? (
            <ScheduleForm planId={plan.id} version={plan.version} />
          ) : (
            !plan.window && (
              <p className="text-sm text-muted">
                {plan.state === "ready" ? "An operator books the maintenance window." : "Book a maintenance window once pre-flight has passed."}
              </p>
            )
          )}
        </Card>
        <Card id="runbook">
          <CardTitle className="mb-3">5. Runbook</CardTitle>
          {view.runbook ? <RunbookPreview planId={plan.id} markdown={view.runbook} /> : <p className="text-sm text-muted">Re-plan first: the path changed.</p>}
        </Card>
        <Card id="run">
          <CardTitle className="mb-3">6. Run and verify</CardTitle>
          <RunPanel plan={plan} canRun={canEdit} />
          {["in_progress", "needs_attention", "completed"].includes(plan.state) && (
            <div className="mt-4">
              <h3 className="mb-2 text-sm font-semibold">Runbook steps</h3>
              <RunbookChecklist plan={plan} steps={view.steps} ticks={view.ticks} canTick={canEdit} />
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
