"use client";
/** The fields a webhook policy and a webhook template share: name, description, enabled; the events; the targets. */
import { Plus } from "lucide-react";
import type { ReactNode } from "react";
import { useFieldArray, type UseFormReturn } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { EMPTY_TARGET, type TWebhookPolicyFields } from "@/lib/schemas/webhook";
import type { WebhookCapabilities, WebhookTargetDto } from "@/lib/schemas/webhook-dto";
import { TargetFields } from "./target-fields";

type PolicyForm = UseFormReturn<TWebhookPolicyFields>;

export function PolicyBasicsFields({ form, nameHint, enabledLabel }: { form: PolicyForm; nameHint?: string; enabledLabel: string }) {
  const { errors } = form.formState;
  return (
    <>
      <Field label="Name" error={errors.name?.message} hint={nameHint}>
        <Input autoComplete="off" {...form.register("name")} />
      </Field>
      <Field label="Description (optional)" error={errors.description?.message}>
        <Input autoComplete="off" {...form.register("description")} />
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" className="size-4 accent-[var(--accent)]" {...form.register("enabled")} /> {enabledLabel}
      </label>
    </>
  );
}

type EventChecksProps = {
  form: PolicyForm;
  events: readonly { name: string; label: string }[];
  legend: string;
  /** ids of the hint and error paragraphs */
  idPrefix: string;
  hint?: ReactNode;
  /** each event's Harbor name beside its label */
  showNames?: boolean;
};

export function EventChecks({ form, events, legend, idPrefix, hint, showNames }: EventChecksProps) {
  const { errors } = form.formState;
  const hintId = hint ? `${idPrefix}-hint` : undefined;
  return (
    <fieldset aria-describedby={errors.eventTypes ? `${idPrefix}-error` : hintId} data-testid="event-types">
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      {hint && (
        <p id={hintId} className="mb-1 text-xs text-muted">
          {hint}
        </p>
      )}
      <div className="grid gap-1 sm:grid-cols-2">
        {events.map((e) => (
          <label key={e.name} className="flex items-center gap-2 text-sm">
            <input type="checkbox" value={e.name} className="size-4 accent-[var(--accent)]" {...form.register("eventTypes")} />
            {e.label}
            {showNames && (
              <>
                {" "}
                <span className="font-mono text-xs text-muted">{e.name}</span>
              </>
            )}
          </label>
        ))}
      </div>
      {errors.eventTypes && (
        <p id={`${idPrefix}-error`} role="alert" className="mt-1 text-xs font-medium text-danger">
          {errors.eventTypes.message ?? errors.eventTypes.root?.message}
        </p>
      )}
    </fieldset>
  );
}

type Target = TWebhookPolicyFields["targets"][number];

type TargetListProps = {
  form: PolicyForm;
  capabilities: WebhookCapabilities;
  /** the targets as stored, when editing: a form target is matched to the one it was loaded from by type and address */
  stored?: readonly WebhookTargetDto[];
  /** the type a new target starts with */
  newType: Target["type"];
};

/** One to five targets, each with its fields; the stored one matched by its type and address then, never by position. */
export function TargetList({ form, capabilities, stored, newType }: TargetListProps) {
  const targets = useFieldArray({ control: form.control, name: "targets" });
  const message = form.formState.errors.targets?.message;
  const storedTarget = (o: Target["original"]) => (o ? stored?.find((t) => t.type === o.type && t.address === o.address) : undefined);
  return (
    <fieldset className="space-y-3">
      <legend className="mb-1 text-sm font-medium">Targets</legend>
      {targets.fields.map((f, i) => (
        <TargetFields
          key={f.id}
          form={form}
          index={i}
          capabilities={capabilities}
          stored={storedTarget(f.original)}
          onRemove={targets.fields.length > 1 ? () => targets.remove(i) : undefined}
        />
      ))}
      {message && (
        <p role="alert" className="text-xs font-medium text-danger">
          {message}
        </p>
      )}
      {targets.fields.length < 5 && (
        <Button type="button" variant="secondary" size="sm" onClick={() => targets.append({ ...EMPTY_TARGET, type: newType })}>
          <Plus className="size-4" aria-hidden /> Add target
        </Button>
      )}
    </fieldset>
  );
}
