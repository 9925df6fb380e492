"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { Plus, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useFieldArray, useForm } from "react-hook-form";
import { toast } from "@/components/ui/toast";
import { applyActionErrors } from "@/components/forms/apply-action-errors";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { updateOutboundAllowListAction, updateWebhookTestAllowListAction } from "@/lib/actions/settings";
import { OUTBOUND_ALLOW_MAX, ZOutboundSettingsInput, type TOutboundSettingsInput } from "@/lib/schemas/settings";

export interface OutboundAllowListFormProps {
  allow: string[];
  /** when the list was last saved; null: never */
  updatedAt: string | null;
  /** which list: the Harbors' (default) or the webhook test deliveries' */
  list?: "outbound" | "webhookTest";
}

const LISTS = {
  outbound: {
    action: updateOutboundAllowListAction,
    form: "Outbound allow-list",
    row: "Allowed address or range",
    saved: "Saved. New connections follow it within 30 seconds.",
  },
  webhookTest: {
    action: updateWebhookTestAllowListAction,
    form: "Test delivery allow-list",
    row: "Test delivery address or range",
    saved: "Saved. The next test delivery follows it.",
  },
} as const;

const toForm = (allow: string[], updatedAt: string | null): TOutboundSettingsInput => ({
  allow: allow.map((value) => ({ value })),
  expectedUpdatedAt: updatedAt,
});

/** The admins' outbound allow-list: one address or CIDR range per row, each checked at its field. */
export function OutboundAllowListForm({ allow, updatedAt, list = "outbound" }: OutboundAllowListFormProps) {
  const l = LISTS[list];
  const router = useRouter();
  const [error, setError] = useState<string>();
  const form = useForm<TOutboundSettingsInput>({ resolver: zodResolver(ZOutboundSettingsInput), defaultValues: toForm(allow, updatedAt) });
  const rows = useFieldArray({ control: form.control, name: "allow" });
  const { errors, isSubmitting, isDirty } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setError(undefined);
    const res = await l.action(values);
    if ("data" in res) {
      form.reset(toForm(res.data.value, res.data.updatedAt));
      toast.success(l.saved);
      router.refresh();
      return;
    }
    setError(applyActionErrors(form, res));
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label={l.form}>
      {error && <Notice tone="danger">{error}</Notice>}
      {rows.fields.length === 0 && <p className="text-sm text-muted">Nothing allowed beyond the defaults.</p>}
      {rows.fields.map((f, i) => (
        <div key={f.id} className="grid grid-cols-[1fr_auto] items-start gap-2" data-testid="allow-row">
          <Field label={`${l.row} ${i + 1}`} error={errors.allow?.[i]?.value?.message}>
            <Input className="font-mono" placeholder="127.0.0.0/8" autoComplete="off" spellCheck={false} {...form.register(`allow.${i}.value`)} />
          </Field>
          <Button type="button" variant="ghost" size="sm" className="mt-6" aria-label={`Remove entry ${i + 1}`} onClick={() => rows.remove(i)}>
            <Trash2 className="size-4" aria-hidden />
          </Button>
        </div>
      ))}
      {errors.allow?.root?.message && (
        <p role="alert" className="text-xs font-medium text-danger">
          {errors.allow.root.message}
        </p>
      )}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Button type="button" variant="secondary" size="sm" disabled={rows.fields.length >= OUTBOUND_ALLOW_MAX} onClick={() => rows.append({ value: "" })}>
          <Plus className="size-4" aria-hidden /> Add address or range
        </Button>
        <Button type="submit" disabled={isSubmitting || !isDirty}>
          {isSubmitting ? "Saving…" : "Save allow-list"}
        </Button>
      </div>
    </form>
  );
}
