"use client";
import { useRouter } from "next/navigation";
import { useOptimistic, useState, useTransition } from "react";
import type { RunbookStep } from "@/lib/config/upgrade-runbook-steps";
import { Button } from "@/components/ui/button";
import { setReadOnlyAction, tickRunbookStepAction } from "@/lib/actions/upgrades";
import type { RunbookTickDto, UpgradePlanDto } from "@/lib/schemas/upgrade";

const keyOf = (hop: number, stepId: string) => `${hop}:${stepId}`;

/** The runbook's steps per hop as a checklist: operators tick them (audited), everyone sees who ticked what and when. */
export function RunbookChecklist({ plan, steps, ticks, canTick }: { plan: UpgradePlanDto; steps: RunbookStep[]; ticks: RunbookTickDto[]; canTick: boolean }) {
  const router = useRouter();
  // The server's ticks: what the page was rendered with, replaced by what each tick action answers (so that between
  // the action's answer and the page's refresh the box never falls back to the old state), with this user's pending
  // change shown at once.
  const [base, setBase] = useState(ticks);
  const [rendered, setRendered] = useState(ticks);
  if (ticks !== rendered) {
    setRendered(ticks);
    setBase(ticks);
  }
  const [shown, optimistic] = useOptimistic(base, (cur: RunbookTickDto[], c: { hop: number; stepId: string; ticked: boolean }) =>
    c.ticked
      ? [...cur, { hop: c.hop, stepId: c.stepId, at: new Date().toISOString(), by: "you" }]
      : cur.filter((t) => keyOf(t.hop, t.stepId) !== keyOf(c.hop, c.stepId)),
  );
  const state = new Map(shown.map((t) => [keyOf(t.hop, t.stepId), t]));
  const [error, setError] = useState<{ key: string; message: string }>();
  const [done, setDone] = useState<{ key: string; message: string }>();
  const [pending, start] = useTransition();
  const running = plan.state === "in_progress" || plan.state === "needs_attention";
  const toggle = (hop: number, stepId: string, ticked: boolean) =>
    start(async () => {
      const key = keyOf(hop, stepId);
      setError(undefined);
      optimistic({ hop, stepId, ticked });
      const res = await tickRunbookStepAction({ planId: plan.id, hop, stepId, ticked });
      if ("data" in res) {
        setBase(res.data);
        router.refresh();
      } else setError({ key, message: "serverError" in res ? res.serverError : (res.message ?? "Could not save the tick.") });
    });
  // The console switches Harbor itself, then ticks the step (both audited); a refusal (outside the window) shows here.
  const switchReadOnly = (hop: number, step: RunbookStep) =>
    start(async () => {
      const key = keyOf(hop, step.id);
      setError(undefined);
      setDone(undefined);
      const res = await setReadOnlyAction({ planId: plan.id, readOnly: step.readOnly === "on" });
      if (!("data" in res)) return setError({ key, message: "serverError" in res ? res.serverError : (res.message ?? "Could not switch read-only.") });
      setDone({ key, message: `Harbor reports read-only ${res.data.readOnly ? "on" : "off"}.` });
      optimistic({ hop, stepId: step.id, ticked: true });
      const ticked = await tickRunbookStepAction({ planId: plan.id, hop, stepId: step.id, ticked: true });
      if ("data" in ticked) setBase(ticked.data);
      router.refresh();
    });
  const hops = plan.path.map((to, i) => ({ from: i === 0 ? plan.fromVersion : plan.path[i - 1], to, i }));
  return (
    <div className="space-y-3" data-testid="runbook-checklist">
      {hops.map((h) => (
        <fieldset key={h.to} className="rounded-md border border-border p-3">
          <legend className="px-1 font-medium">
            Hop {h.i + 1}: {h.from} → {h.to}
          </legend>
          <ul className="space-y-2">
            {steps.map((s) => {
              const key = keyOf(h.i, s.id);
              const tick = state.get(key);
              const id = `tick-${key.replace(":", "-")}`;
              return (
                <li key={s.id} className="space-y-1">
                  <div className="flex flex-wrap items-start gap-2">
                    <input
                      id={id}
                      type="checkbox"
                      className="mt-0.5 size-4 shrink-0"
                      checked={Boolean(tick)}
                      disabled={!canTick || !running || pending}
                      aria-describedby={error?.key === key ? `${id}-error` : undefined}
                      onChange={(e) => toggle(h.i, s.id, e.target.checked)}
                    />
                    <label htmlFor={id} className="min-w-0 flex-1">
                      {s.title}
                      {tick && (
                        <span className="block text-xs text-muted" data-testid="tick-by">
                          ticked by {tick.by}, {tick.at.slice(0, 16).replace("T", " ")} UTC
                        </span>
                      )}
                    </label>
                    {s.readOnly && canTick && running && (
                      <Button type="button" size="sm" variant="secondary" disabled={pending} onClick={() => switchReadOnly(h.i, s)}>
                        {s.readOnly === "on" ? "Switch read-only on" : "Switch read-only off"}
                        <span className="sr-only"> (hop {h.i + 1})</span>
                      </Button>
                    )}
                  </div>
                  {done?.key === key && (
                    <p role="status" className="text-sm text-success">
                      {done.message}
                    </p>
                  )}
                  {error?.key === key && (
                    <p id={`${id}-error`} role="alert" className="text-sm text-danger">
                      {error.message}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        </fieldset>
      ))}
      {!canTick && <p className="text-sm text-muted">Viewers see the ticks; operators tick the steps.</p>}
      {canTick && !running && plan.state !== "completed" && <p className="text-sm text-muted">Steps are ticked once the upgrade has started.</p>}
    </div>
  );
}
