"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyActionErrors } from "@/components/forms/apply-action-errors";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { createWebhookPolicyAction, updateWebhookPolicyAction } from "@/lib/actions/webhooks";
import { EMPTY_TARGET, ZWebhookPolicyFields, type TWebhookPolicyFields } from "@/lib/schemas/webhook";
import type { WebhookCapabilities, WebhookPolicyDto } from "@/lib/schemas/webhook-dto";
import { EventChecks, PolicyBasicsFields, TargetList } from "./policy-fields";

type Props = { instanceId: string; project: string; capabilities: WebhookCapabilities; policy?: WebhookPolicyDto };

/** A new target is http where the version has it. */
const newType = (c: WebhookCapabilities) => (c.notifyTypes.includes("http") ? "http" : "slack");

function initialValues(policy: WebhookPolicyDto | undefined, c: WebhookCapabilities): TWebhookPolicyFields {
  if (!policy)
    return {
      name: "",
      description: "",
      enabled: true,
      eventTypes: [],
      targets: [{ ...EMPTY_TARGET, type: newType(c) }],
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

/**
 * Creates or edits one policy, offering only what this Harbor version supports. Harbor's refusals come back at the
 * field they concern; what the user typed stays in the form.
 */
export function PolicyForm({ instanceId, project, capabilities: c, policy }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const form = useForm<TWebhookPolicyFields>({ resolver: zodResolver(ZWebhookPolicyFields), defaultValues: initialValues(policy, c) });
  const { isSubmitting } = form.formState;
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
      <PolicyBasicsFields
        form={form}
        nameHint={c.namesGlobal ? `Unique across all of ${c.versionLabel}, not only this project.` : undefined}
        enabledLabel="Enabled"
      />
      <EventChecks form={form} events={events} legend={`Events (${c.versionLabel})`} idPrefix="event-types" showNames />
      <TargetList form={form} capabilities={c} stored={policy?.targets} newType={newType(c)} />
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
