"use client";
import { Pencil, Power, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { Confirm } from "@/components/ui/dialog";
import { deleteWebhookPolicyAction, setWebhookPolicyEnabledAction } from "@/lib/actions/webhooks";

type Props = { instanceId: string; project: string; policy: { id: number; name: string; enabled: boolean; updateTime: string | null } };

const failure = (res: { serverError: string } | { validationErrors: unknown; message?: string }) =>
  "serverError" in res ? res.serverError : (res.message ?? "Harbor refused the change.");

/** Edit, enable/disable and delete (confirmation naming the policy and the project), for operators. */
export function PolicyRowActions({ instanceId, project, policy }: Props) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  const ref = { instanceId, project, policyId: policy.id };
  const toggle = () =>
    start(async () => {
      const res = await setWebhookPolicyEnabledAction({ ...ref, enabled: !policy.enabled, updateTime: policy.updateTime });
      setError("data" in res ? undefined : failure(res));
      if ("data" in res) toast.success(`${res.data.enabled ? "Enabled" : "Disabled"} ${policy.name}`);
      router.refresh();
    });
  return (
    <div className="flex flex-wrap gap-2" data-testid={`policy-actions-${policy.name}`}>
      {error && (
        <p role="alert" className="w-full max-w-sm text-xs font-medium text-danger" data-testid="policy-row-error">
          {error}
        </p>
      )}
      <Button asChild variant="secondary" size="sm">
        <Link href={`/instances/${instanceId}/projects/${encodeURIComponent(project)}/webhooks/${policy.id}/edit`} aria-label={`Edit ${policy.name}`}>
          <Pencil className="size-4" aria-hidden /> Edit
        </Link>
      </Button>
      <Button variant="secondary" size="sm" disabled={pending} onClick={toggle} aria-label={`${policy.enabled ? "Disable" : "Enable"} ${policy.name}`}>
        <Power className="size-4" aria-hidden /> {policy.enabled ? "Disable" : "Enable"}
      </Button>
      <Confirm
        trigger={
          <Button variant="secondary" size="sm" disabled={pending} aria-label={`Delete ${policy.name}`}>
            <Trash2 className="size-4" aria-hidden /> Delete
          </Button>
        }
        title={`Delete webhook policy ${policy.name}?`}
        description={
          <p>
            Harbor deletes the policy <strong className="text-foreground">{policy.name}</strong> of project{" "}
            <strong className="text-foreground">{project}</strong>; its receivers get no more events. The audit trail keeps what it was.
          </p>
        }
        confirmLabel={`Delete ${policy.name}`}
        pending={pending}
        onConfirm={() =>
          start(async () => {
            const res = await deleteWebhookPolicyAction({ ...ref, name: policy.name });
            setError("data" in res ? undefined : failure(res));
            if ("data" in res) toast.success(`Deleted ${res.data.name}`);
            router.refresh();
          })
        }
      />
    </div>
  );
}
