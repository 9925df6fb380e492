"use client";
import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { Confirm } from "@/components/ui/dialog";
import { deleteInstanceAction } from "@/lib/actions/instances";

export function DeleteInstanceButton({ id, name, redirectTo }: { id: string; name: string; redirectTo?: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Confirm
      trigger={
        <Button variant="secondary" size="sm" aria-label={`Delete ${name}`} disabled={pending}>
          <Trash2 className="size-4" aria-hidden /> Delete
        </Button>
      }
      title={`Delete instance ${name}?`}
      description={
        <p>
          The console forgets <strong className="text-foreground">{name}</strong> and its stored credential. The Harbor itself is not touched. The audit trail
          keeps a record of the deletion.
        </p>
      }
      confirmLabel={`Delete ${name}`}
      pending={pending}
      onConfirm={() =>
        start(async () => {
          const res = await deleteInstanceAction({ id, name });
          if ("data" in res) {
            toast.success(`Deleted ${res.data.name}`);
            if (redirectTo) router.push(redirectTo);
            router.refresh();
          } else {
            toast.error("serverError" in res ? res.serverError : (res.message ?? "Could not delete"));
          }
        })
      }
    />
  );
}
