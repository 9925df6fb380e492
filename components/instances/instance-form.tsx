"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import { toast } from "@/components/ui/toast";
import { applyActionErrors } from "@/components/forms/apply-action-errors";
import { ConnectionTestButton } from "@/components/instances/connection-test-button";
import { SaveAnyway } from "@/components/instances/save-anyway";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { createInstanceAction, updateInstanceAction } from "@/lib/actions/instances";
import type { ConnectionReportDto } from "@/lib/schemas/connection";
import { storedSecretRefusal } from "@/lib/security/secret-binding";
import {
  DEPLOYMENT_MODE_LABEL,
  DEPLOYMENT_MODES,
  ENVIRONMENTS,
  ZInstanceCreateInput,
  ZInstanceUpdateInput,
  type TInstanceUpdateInput,
} from "@/lib/schemas/instance";

export interface InstanceFormValues {
  id?: string;
  version?: number;
  name: string;
  description: string;
  environment: (typeof ENVIRONMENTS)[number] | "";
  labels: string;
  baseUrl: string;
  username: string;
  caBundle: string;
  skipTlsVerify: boolean;
  deploymentMode: (typeof DEPLOYMENT_MODES)[number] | "";
}

type FormValues = Omit<TInstanceUpdateInput, "id" | "version"> & { id?: string; version?: number };

type Connection = { baseUrl?: string; username?: string; secret?: string; caBundle?: string; skipTlsVerify?: boolean };
/** What a connection test depends on: saving the same values right after a failed test asks first. */
const connectionKey = (v: Connection) => JSON.stringify([v.baseUrl ?? "", v.username ?? "", v.secret ?? "", v.caBundle ?? "", v.skipTlsVerify ?? false]);

function failureOf(report: ConnectionReportDto): string {
  const failed = report.checks.find((c) => c.status === "failed");
  return failed ? `${failed.label}: ${failed.detail}` : "the credential was not accepted.";
}

export function InstanceForm({ initial, secretSet }: { initial?: InstanceFormValues; secretSet?: boolean }) {
  const router = useRouter();
  const editing = Boolean(initial?.id);
  const [formError, setFormError] = useState<string>();
  // The last connection test that failed, for the values it tested; saving those values asks "save anyway?" first.
  const [failedTest, setFailedTest] = useState<{ key: string; reason: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const form = useForm<FormValues>({
    resolver: zodResolver(editing ? ZInstanceUpdateInput : ZInstanceCreateInput) as unknown as Resolver<FormValues>,
    defaultValues: {
      name: "",
      description: "",
      labels: "",
      baseUrl: "",
      username: "",
      caBundle: "",
      skipTlsVerify: false,
      secret: "",
      ...(initial as Partial<FormValues>),
      environment: (initial?.environment || undefined) as FormValues["environment"],
      deploymentMode: (initial?.deploymentMode || undefined) as FormValues["deploymentMode"],
    },
  });
  const { errors, isSubmitting } = form.formState;
  const skipTls = form.watch("skipTlsVerify");
  const baseUrl = form.watch("baseUrl");
  const caBundle = form.watch("caBundle");
  // The server refuses the same (lib/security/secret-binding.ts); saying it here saves a round trip.
  const secretNeeded = editing && secretSet && initial ? rebindReason(initial, { baseUrl, caBundle: caBundle ?? "", skipTlsVerify: skipTls ?? false }) : null;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(undefined);
    if (!confirming && failedTest && failedTest.key === connectionKey(values)) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    const res = editing ? await updateInstanceAction(values) : await createInstanceAction(values);
    if ("data" in res) {
      toast.success(editing ? `Saved ${res.data.name}` : `Added ${res.data.name}`);
      router.push(`/instances/${res.data.id}`);
      router.refresh();
      return;
    }
    // The form keeps every value the user typed; only the errors are added.
    setFormError(applyActionErrors(form, res));
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" aria-label={editing ? "Edit instance" : "Add instance"}>
      {formError && <Notice tone="danger">{formError}</Notice>}
      <Card className="grid gap-4 md:grid-cols-2">
        <Field label="Name" hint="Unique in the fleet, e.g. prod-eu-1." error={errors.name?.message}>
          <Input autoComplete="off" {...form.register("name")} />
        </Field>
        <Field label="Environment" error={errors.environment?.message}>
          <Select {...form.register("environment")} defaultValue={initial?.environment ?? ""}>
            <option value="" disabled>
              Choose…
            </option>
            {ENVIRONMENTS.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Description" className="md:col-span-2" error={errors.description?.message}>
          <Input {...form.register("description")} />
        </Field>
        <Field label="Labels" hint="key=value, separated by commas, e.g. region=eu, team=platform" className="md:col-span-2" error={errors.labels?.message}>
          <Input autoComplete="off" {...form.register("labels")} />
        </Field>
        <Field label="Deployment" error={errors.deploymentMode?.message}>
          <Select {...form.register("deploymentMode")} defaultValue={initial?.deploymentMode ?? ""}>
            <option value="" disabled>
              Choose…
            </option>
            {DEPLOYMENT_MODES.map((m) => (
              <option key={m} value={m}>
                {DEPLOYMENT_MODE_LABEL[m]}
              </option>
            ))}
          </Select>
        </Field>
      </Card>

      <Card className="grid gap-4 md:grid-cols-2">
        <Field
          label="Harbor URL"
          hint="The address of Harbor's portal, e.g. https://harbor.example.com"
          className="md:col-span-2"
          error={errors.baseUrl?.message}
        >
          <Input type="url" inputMode="url" autoComplete="off" placeholder="https://harbor.example.com" {...form.register("baseUrl")} />
        </Field>
        {baseUrl?.startsWith("http://") && (
          <Notice tone="warning" className="md:col-span-2">
            Plain http sends the credential unencrypted. Use https unless this Harbor is only reachable on a trusted network.
          </Notice>
        )}
        <Field
          label="Username"
          hint="A robot account (robot$…) with read access is enough to monitor; admin rights are needed to manage webhooks."
          error={errors.username?.message}
        >
          <Input autoComplete="off" {...form.register("username")} />
        </Field>
        <Field
          label={editing ? "Secret" : "Password or robot secret"}
          hint={secretNeeded ?? (editing && secretSet ? "Set — leave empty to keep the stored secret." : "Stored encrypted; never shown again.")}
          error={errors.secret?.message}
        >
          <Input
            type="password"
            autoComplete="new-password"
            placeholder={editing && secretSet && !secretNeeded ? "•••••••• (set)" : ""}
            {...form.register("secret")}
          />
        </Field>
        <Field
          label="CA bundle (optional)"
          hint="PEM certificates of the CA that signed Harbor's certificate, when it is not publicly trusted."
          className="md:col-span-2"
          error={errors.caBundle?.message}
        >
          <Textarea rows={5} spellCheck={false} placeholder="-----BEGIN CERTIFICATE-----" {...form.register("caBundle")} />
        </Field>
        <div className="md:col-span-2">
          <ConnectionTestButton
            input={() => {
              const v = form.getValues();
              return {
                id: v.id,
                baseUrl: v.baseUrl,
                username: v.username,
                secret: v.secret ?? "",
                caBundle: v.caBundle ?? "",
                skipTlsVerify: v.skipTlsVerify ?? false,
              };
            }}
            onFieldErrors={(errors) => applyActionErrors(form, { validationErrors: errors })}
            onReport={(report, draft) => {
              setConfirming(false);
              setFailedTest(report.ok || !draft ? null : { key: connectionKey(draft), reason: failureOf(report) });
            }}
          />
        </div>
        <div className="md:col-span-2">
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" className="size-4 accent-[var(--danger)]" {...form.register("skipTlsVerify")} />
            Skip TLS certificate verification
          </label>
          {skipTls && (
            <Notice tone="danger" className="mt-2">
              Without verification anyone on the network path can impersonate this Harbor and read its credential. Prefer pasting the CA bundle above.
            </Notice>
          )}
        </div>
      </Card>

      {confirming && failedTest ? (
        <SaveAnyway reason={failedTest.reason} submitting={isSubmitting} onBack={() => (setConfirming(false), form.setFocus("baseUrl"))} />
      ) : (
        <div className="flex gap-2">
          <Button type="submit" disabled={isSubmitting}>
            {isSubmitting ? "Saving…" : editing ? "Save changes" : "Add instance"}
          </Button>
          <Button type="button" variant="secondary" onClick={() => router.back()}>
            Cancel
          </Button>
        </div>
      )}
    </form>
  );
}

function rebindReason(initial: InstanceFormValues, next: { baseUrl: string; caBundle: string; skipTlsVerify: boolean }): string | null {
  try {
    return storedSecretRefusal({ baseUrl: initial.baseUrl, caBundle: initial.caBundle, skipTlsVerify: initial.skipTlsVerify }, next);
  } catch {
    return null; // not a URL yet: the URL field says so
  }
}
