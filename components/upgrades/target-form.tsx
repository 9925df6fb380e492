"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { createUpgradePlanAction, updateUpgradePlanAction } from "@/lib/actions/upgrades";
import type { TargetChoice } from "@/lib/upgrade";

/**
 * Step 1, Target: creates the draft plan (new) or re-plans it (edit, carrying the version it was opened on so that a
 * concurrent edit is refused instead of overwritten). The chosen target stays in the form whatever the answer.
 */
export function TargetForm({
  choices,
  initial,
  mode,
}: {
  choices: TargetChoice[];
  initial: string;
  mode: { kind: "create"; instanceId: string } | { kind: "edit"; planId: string; version: number };
}) {
  const router = useRouter();
  const [target, setTarget] = useState(initial);
  const [fieldError, setFieldError] = useState<string>();
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    start(async () => {
      setError(undefined);
      setFieldError(undefined);
      const res =
        mode.kind === "create"
          ? await createUpgradePlanAction({ instanceId: mode.instanceId, target })
          : await updateUpgradePlanAction({ planId: mode.planId, version: mode.version, target });
      if ("data" in res) {
        if (mode.kind === "create") router.push(`/upgrades/${res.data.id}`);
        else router.refresh();
        return;
      }
      if ("validationErrors" in res && res.validationErrors.target?.length) setFieldError(res.validationErrors.target[0]);
      else setError("serverError" in res ? res.serverError : (res.message ?? "Check the target."));
    });
  };
  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Choose the target">
      <Field label="Target release" hint="Only releases the planner can reach are offered; the newest is the default." error={fieldError}>
        <Select value={target} onChange={(e) => setTarget(e.target.value)} className="w-full sm:w-64">
          {choices.map((c) => (
            <option key={c.version} value={c.version}>
              {c.version} ({c.hops} hop{c.hops === 1 ? "" : "s"})
            </option>
          ))}
        </Select>
      </Field>
      {error && <Notice tone="danger">{error}</Notice>}
      <Button type="submit" disabled={pending}>
        {pending ? "Planning…" : mode.kind === "create" ? "Create draft plan" : "Re-plan to this target"}
      </Button>
    </form>
  );
}
