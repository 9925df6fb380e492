"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { createUpgradeWaveAction } from "@/lib/actions/upgrades";

type Candidate = { id: string; name: string; version: string | null };

/**
 * A wave: its name, one target, and the instances in order (the first is the canary). Each refusal is shown at its
 * field (an instance that cannot take the target at its row); what was chosen stays.
 */
export function WaveForm({ candidates, targets }: { candidates: Candidate[]; targets: string[] }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [target, setTarget] = useState(targets[0]);
  const [rows, setRows] = useState<string[]>(["", ""]);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  const set = (i: number, v: string) => setRows((r) => r.map((x, j) => (j === i ? v : x)));
  const move = (i: number) => setRows((r) => r.map((x, j) => (j === i - 1 ? r[i] : j === i ? r[i - 1] : x)));
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    start(async () => {
      setError(undefined);
      setErrors({});
      const res = await createUpgradeWaveAction({ name, target, instanceIds: rows });
      if ("data" in res) return router.push(`/upgrades/waves/${res.data.id}`);
      if ("serverError" in res) return setError(res.serverError);
      setErrors(Object.fromEntries(Object.entries(res.validationErrors).map(([k, v]) => [k, v?.[0]])));
      if (!Object.keys(res.validationErrors).length) setError(res.message ?? "Check the wave.");
    });
  };
  return (
    <form onSubmit={submit} className="space-y-4" aria-label="Plan a wave" noValidate>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Wave name" error={errors.name}>
          <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} />
        </Field>
        <Field label="Target release" hint="Every instance must be able to reach it." error={errors.target}>
          <Select value={target} onChange={(e) => setTarget(e.target.value)}>
            {targets.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <fieldset className="space-y-3">
        <legend className="mb-1 text-sm font-medium">Instances, in order: the first is the canary</legend>
        {errors.instanceIds && (
          <p role="alert" className="text-xs font-medium text-danger">
            {errors.instanceIds}
          </p>
        )}
        {rows.map((id, i) => (
          <div key={i} className="flex flex-wrap items-end gap-2" data-testid={`wave-row-${i + 1}`}>
            <Field label={i === 0 ? "Instance 1 (canary)" : `Instance ${i + 1}`} error={errors[`instanceIds.${i}`]} className="min-w-0 flex-1">
              <Select value={id} onChange={(e) => set(i, e.target.value)} className="w-full">
                <option value="">Choose an instance</option>
                {candidates.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} ({c.version ?? "version not detected"})
                  </option>
                ))}
              </Select>
            </Field>
            {i > 0 && (
              <Button type="button" variant="secondary" size="sm" onClick={() => move(i)}>
                Move up<span className="sr-only"> instance {i + 1}</span>
              </Button>
            )}
            {rows.length > 2 && (
              <Button type="button" variant="secondary" size="sm" onClick={() => setRows((r) => r.filter((_, j) => j !== i))}>
                Remove<span className="sr-only"> instance {i + 1}</span>
              </Button>
            )}
          </div>
        ))}
        {rows.length < 20 && (
          <Button type="button" variant="secondary" size="sm" onClick={() => setRows((r) => [...r, ""])}>
            Add an instance
          </Button>
        )}
      </fieldset>
      {error && <Notice tone="danger">{error}</Notice>}
      <Button type="submit" disabled={pending}>
        {pending ? "Planning…" : "Create the wave's draft plans"}
      </Button>
    </form>
  );
}
