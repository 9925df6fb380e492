"use client";
import { X } from "lucide-react";
import type { UseFormReturn } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import type { TWebhookPolicyFields } from "@/lib/schemas/webhook";
import type { WebhookCapabilities, WebhookTargetDto } from "@/lib/schemas/webhook-dto";

type Props = {
  form: UseFormReturn<TWebhookPolicyFields>;
  index: number;
  capabilities: WebhookCapabilities;
  /** the target as stored in Harbor, when editing: whether it holds an auth header (never its value) */
  stored?: WebhookTargetDto;
  onRemove?: () => void;
};

/** One target: type, URL, the write-only auth header, TLS verification and (2.8+, http only) the payload format. */
export function TargetFields({ form, index: i, capabilities: c, stored, onRemove }: Props) {
  const errors = form.formState.errors.targets?.[i];
  const type = form.watch(`targets.${i}.type`);
  const skip = form.watch(`targets.${i}.skipCertVerify`);
  const clear = form.watch(`targets.${i}.clearAuthHeader`);
  const formats = c.payloadFormats[type] ?? [];
  const address = form.watch(`targets.${i}.address`);
  const hasStored = Boolean(stored?.authHeaderSet);
  // The stored header goes only to the address it was set for: once the type or address changes it is not kept.
  const moved = hasStored && (stored?.type !== type || stored?.address !== address?.trim());
  const n = i + 1;
  return (
    <div className="space-y-3 rounded-md border border-border p-3" data-testid={`target-${i}`} role="group" aria-label={`Target ${n}`}>
      <div className="flex flex-wrap items-end gap-3">
        <Field label={`Target ${n} type`} error={errors?.type?.message} className="w-32">
          <Select {...form.register(`targets.${i}.type`)}>
            {c.notifyTypes.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </Select>
        </Field>
        {formats.length > 0 && type === "http" && (
          <Field label={`Target ${n} payload format`} error={errors?.payloadFormat?.message} className="w-44">
            <Select {...form.register(`targets.${i}.payloadFormat`)}>
              {formats.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </Select>
          </Field>
        )}
        {onRemove && (
          <Button type="button" variant="ghost" size="sm" onClick={onRemove} aria-label={`Remove target ${n}`}>
            <X className="size-4" aria-hidden /> Remove
          </Button>
        )}
      </div>
      <Field label={`Target ${n} URL`} error={errors?.address?.message}>
        <Input autoComplete="off" inputMode="url" placeholder="https://hooks.example.com/harbor" {...form.register(`targets.${i}.address`)} />
      </Field>
      <Field
        label={`Target ${n} auth header`}
        error={errors?.authHeader?.message}
        hint={
          moved
            ? "The address changed: the stored header is not sent to a new address — type it again, or remove it."
            : hasStored
              ? "Stored — leave empty to keep it. Harbor sends it verbatim as Authorization."
              : "Optional, e.g. Bearer <token>. Harbor sends it verbatim as Authorization; the console never shows it again."
        }
      >
        <Input
          type="password"
          autoComplete="new-password"
          readOnly={clear}
          placeholder={hasStored && !moved ? "•••••••• (stored)" : ""}
          {...form.register(`targets.${i}.authHeader`)}
        />
      </Field>
      {hasStored && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-4 accent-[var(--danger)]" {...form.register(`targets.${i}.clearAuthHeader`)} /> Remove the stored auth header
        </label>
      )}
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" className="size-4 accent-[var(--danger)]" {...form.register(`targets.${i}.skipCertVerify`)} /> Skip certificate verification
      </label>
      {skip && (
        <Notice tone="warning" data-testid="skip-verify-warning">
          Harbor will send events (and the auth header) to whoever answers at this address, without checking its certificate. Use it only for a receiver on a
          trusted network, and prefer giving it a proper certificate.
        </Notice>
      )}
    </div>
  );
}
