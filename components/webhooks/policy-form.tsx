"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useFieldArray, useForm } from "react-hook-form";
import { applyActionErrors } from "@/components/forms/apply-action-errors";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { createWebhookPolicyAction, updateWebhookPolicyAction } from "@/lib/actions/webhooks";
import { EMPTY_TARGET, ZWebhookPolicyFields, type TWebhookPolicyFields, type WebhookCapabilities, type WebhookPolicyDto } from "@/lib/schemas/webhook";
import { TargetFields } from "./target-fields";

type Props = { instanceId: string; project: string; capabilities: WebhookCapabilities; policy?: WebhookPolicyDto };

function initialValues(policy: WebhookPolicyDto | undefined, c: WebhookCapabilities): TWebhookPolicyFields {
  if (!policy)
    return {
      name: "",
      description: "",
      enabled: true,
      eventTypes: [],
      targets: [{ ...EMPTY_TARGET, type: c.notifyTypes.includes("http") ? "http" : "slack" }],
    };
  return {
    name: policy.name,
    description: policy.description,
    enabled: policy.enabled,
    eventTypes: policy.eventTypes.map((e) => e.name),
    targets: policy.targets.map((t) => ({
      type: t.type === "slack" ? "slack" : "http",
      address: t.address,
      authHeader: "",
      clearAuthHeader: false,
      skipCertVerify: t.skipCertVerify,
      payloadFormat: t.payloadFormat === "CloudEvents" ? "CloudEvents" : "Default",
      original: { type: t.type, address: t.address },
    })),
  };
}

/** The stored target a form target was loaded from (by its type and address then, never by position). */
function storedTarget(policy: WebhookPolicyDto | undefined, original: TWebhookPolicyFields["targets"][number]["original"]) {
  return original ? policy?.targets.find((t) => t.type === original.type && t.address === original.address) : undefined;
}

/**
 * Creates or edits one policy, offering only what this Harbor version supports. Harbor's refusals come back at the
 * field they concern; what the user typed stays in the form.
 */
export function PolicyForm({ instanceId, project, capabilities: c, policy }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const form = useForm<TWebhookPolicyFields>({ resolver: zodResolver(ZWebhookPolicyFields), defaultValues: initialValues(policy, c) });
  const targets = useFieldArray({ control: form.control, name: "targets" });
  const { errors, isSubmitting } = form.formState;
  const back = `/instances/${instanceId}/projects/${encodeURIComponent(project)}/webhooks`;
  // Events the policy has that this version no longer offers (e.g. chart events after an upgrade to 2.8) stay choosable.
  const events = [...c.eventTypes, ...(policy?.eventTypes.filter((e) => !c.eventTypes.some((o) => o.name === e.name)) ?? [])];

  const onSubmit = form.handleSubmit(async (values) => {
    setError(undefined);
    const ref = { instanceId, project };
    const res = policy
      ? await updateWebhookPolicyAction({ ...values, ...ref, policyId: policy.id, updateTime: policy.updateTime })
      : await createWebhookPolicyAction({ ...values, ...ref });
    if ("data" in res) {
      router.push(back);
      router.refresh();
      return;
    }
    setError(applyActionErrors(form, res));
  });

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl space-y-5" data-testid="policy-form">
      {error && <Notice tone="danger">{error}</Notice>}
      <Field label="Name" error={errors.name?.message} hint={c.namesGlobal ? `Unique across all of ${c.versionLabel}, not only this project.` : undefined}>
        <Input autoComplete="off" {...form.register("name")} />
      </Field>
      <Field label="Description (optional)" error={errors.description?.message}>
        <Input autoComplete="off" {...form.register("description")} />
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" className="size-4 accent-[var(--accent)]" {...form.register("enabled")} /> Enabled
      </label>
      <fieldset aria-describedby={errors.eventTypes ? "event-types-error" : undefined} data-testid="event-types">
        <legend className="mb-1 text-sm font-medium">Events ({c.versionLabel})</legend>
        <div className="grid gap-1 sm:grid-cols-2">
          {events.map((e) => (
            <label key={e.name} className="flex items-center gap-2 text-sm">
              <input type="checkbox" value={e.name} className="size-4 accent-[var(--accent)]" {...form.register("eventTypes")} />
              {e.label} <span className="font-mono text-xs text-muted">{e.name}</span>
            </label>
          ))}
        </div>
        {errors.eventTypes && (
          <p id="event-types-error" role="alert" className="mt-1 text-xs font-medium text-danger">
            {errors.eventTypes.message ?? errors.eventTypes.root?.message}
          </p>
        )}
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="mb-1 text-sm font-medium">Targets</legend>
        {targets.fields.map((f, i) => (
          <TargetFields
            key={f.id}
            form={form}
            index={i}
            capabilities={c}
            stored={storedTarget(policy, f.original)}
            onRemove={targets.fields.length > 1 ? () => targets.remove(i) : undefined}
          />
        ))}
        {errors.targets?.message && (
          <p role="alert" className="text-xs font-medium text-danger">
            {errors.targets.message}
          </p>
        )}
        {targets.fields.length < 5 && (
          <Button
            type="button"
            variant="secondary"
            size="sm"
            onClick={() => targets.append({ ...EMPTY_TARGET, type: c.notifyTypes.includes("http") ? "http" : "slack" })}
          >
            <Plus className="size-4" aria-hidden /> Add target
          </Button>
        )}
      </fieldset>
      <div className="flex flex-wrap justify-end gap-2">
        <Button type="button" variant="secondary" onClick={() => router.push(back)}>
          Cancel
        </Button>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : policy ? "Save policy" : "Create policy"}
        </Button>
      </div>
    </form>
  );
}
