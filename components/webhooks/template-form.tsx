"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, type UseFormReturn } from "react-hook-form";
import { applyActionErrors } from "@/components/forms/apply-action-errors";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { createWebhookTemplateAction, updateWebhookTemplateAction } from "@/lib/actions/webhook-templates";
import { EVENT_TYPE_LABEL } from "@/lib/harbor/event-types";
import { EMPTY_TARGET, type TWebhookPolicyFields } from "@/lib/schemas/webhook";
import type { WebhookCapabilities } from "@/lib/schemas/webhook-dto";
import { ENVIRONMENTS } from "@/lib/schemas/instance";
import { EVENT_CONCEPTS, ZTemplateFields, type TemplateDto, type TTemplateFields } from "@/lib/schemas/webhook-template";
import { EventChecks, PolicyBasicsFields, TargetList } from "./policy-fields";

/** What a template may name: every concept, both notify types, both formats; each instance's version is checked by the dry run. */
const ANY_VERSION: WebhookCapabilities = {
  versionLabel: "any version",
  eventTypes: EVENT_CONCEPTS.map((name) => ({ name, label: EVENT_TYPE_LABEL[name] })),
  notifyTypes: ["http", "slack"],
  payloadFormats: { http: ["Default", "CloudEvents"], slack: [] },
  onePolicyPerProject: false,
  namesGlobal: false,
  executions: false,
};

function initialValues(t: TemplateDto | undefined): TTemplateFields {
  if (!t)
    return {
      name: "",
      description: "",
      enabled: true,
      eventTypes: [],
      targets: [{ ...EMPTY_TARGET }],
      environments: [],
      labels: [],
      instancePattern: "*",
      projectPattern: "*",
      autoApply: false,
    };
  return {
    name: t.name,
    description: t.description,
    enabled: t.enabled,
    eventTypes: t.eventTypes,
    targets: t.targets.map((x) => ({
      ...EMPTY_TARGET,
      type: x.type,
      address: x.address,
      skipCertVerify: x.skipCertVerify,
      payloadFormat: x.payloadFormat,
      original: { type: x.type, address: x.address },
    })),
    environments: t.environments,
    labels: t.labels,
    instancePattern: t.instancePattern,
    projectPattern: t.projectPattern,
    autoApply: t.autoApply,
  };
}

const splitLabels = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/** Creates or edits a template: the policy (events as concepts, mapped per version) and what it selects. */
export function TemplateForm({ template }: { template?: TemplateDto }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [labelsText, setLabelsText] = useState(template?.labels.join(", ") ?? "");
  const form = useForm<TTemplateFields>({ resolver: zodResolver(ZTemplateFields), defaultValues: initialValues(template) });
  const { errors, isSubmitting } = form.formState;
  // The shared fields are the policy form's: the same paths (targets.N.…) on a superset of its values.
  const policyForm = form as unknown as UseFormReturn<TWebhookPolicyFields>;
  const labelsError = errors.labels?.message ?? errors.labels?.find?.((e) => e?.message)?.message;

  const onSubmit = form.handleSubmit(async (values) => {
    setError(undefined);
    const res = template
      ? await updateWebhookTemplateAction({ ...values, id: template.id, version: template.version })
      : await createWebhookTemplateAction(values);
    if ("data" in res) {
      router.push(`/webhooks/templates/${res.data.id}`);
      router.refresh();
      return;
    }
    setError(applyActionErrors(form, res));
  });

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl space-y-5" data-testid="template-form">
      {error && <Notice tone="danger">{error}</Notice>}
      <PolicyBasicsFields
        form={policyForm}
        nameHint="Harbor sees the policy as fleet-tpl-<name> (on 2.0, where names are global, fleet-tpl-<name>--<project>)."
        enabledLabel="Policies enabled"
      />
      <EventChecks
        form={policyForm}
        events={ANY_VERSION.eventTypes}
        legend="Events"
        idPrefix="tpl-events"
        hint="Each Harbor gets them in its own spelling (pushImage on 1.x); a version without one of them is reported by the dry run."
      />
      <TargetList form={policyForm} capabilities={ANY_VERSION} stored={template?.targets} newType="http" />
      <fieldset className="space-y-3 rounded-md border border-border p-3">
        <legend className="px-1 text-sm font-medium">Applies to</legend>
        <div role="group" aria-label="Environments" className="flex flex-wrap gap-4">
          {ENVIRONMENTS.map((env) => (
            <label key={env} className="flex items-center gap-2 text-sm">
              <input type="checkbox" value={env} className="size-4 accent-[var(--accent)]" {...form.register("environments")} /> {env}
            </label>
          ))}
        </div>
        <p className="text-xs text-muted">No environment ticked: every environment.</p>
        <Field label="Instance labels" error={labelsError} hint="Every one must match: key=value, or a key alone for any value; separated by commas.">
          <Input
            autoComplete="off"
            value={labelsText}
            onChange={(e) => {
              setLabelsText(e.target.value);
              form.setValue("labels", splitLabels(e.target.value));
            }}
          />
        </Field>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Instance names" error={errors.instancePattern?.message} hint="* any characters, ? one">
            <Input autoComplete="off" {...form.register("instancePattern")} />
          </Field>
          <Field label="Project names" error={errors.projectPattern?.message} hint="e.g. team-* or *">
            <Input autoComplete="off" {...form.register("projectPattern")} />
          </Field>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-4 accent-[var(--accent)]" {...form.register("autoApply")} /> Create it in new projects automatically (the
          reconcile job, every few minutes)
        </label>
      </fieldset>
      <div className="flex flex-wrap justify-end gap-2">
        <Button type="button" variant="secondary" onClick={() => router.push(template ? `/webhooks/templates/${template.id}` : "/webhooks/templates")}>
          Cancel
        </Button>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : template ? "Save template" : "Create template"}
        </Button>
      </div>
    </form>
  );
}
