"use client";
import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Confirm } from "@/components/ui/dialog";
import { deleteWebhookTemplateAction } from "@/lib/actions/webhook-templates";

/** Deletes the template (confirmation naming it); the policies it made stay in Harbor. */
export function TemplateDeleteButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <>
      {error && (
        <p role="alert" className="w-full text-xs font-medium text-danger">
          {error}
        </p>
      )}
      <Confirm
        trigger={
          <Button variant="secondary" disabled={pending}>
            <Trash2 className="size-4" aria-hidden /> Delete
          </Button>
        }
        title={`Delete template ${name}?`}
        description={<p>The console forgets the template. The policies it created stay in each Harbor until you delete them there.</p>}
        confirmLabel={`Delete ${name}`}
        pending={pending}
        onConfirm={() =>
          start(async () => {
            const res = await deleteWebhookTemplateAction({ id, name });
            if ("data" in res) {
              toast.success(`Deleted template ${name}`);
              router.push("/webhooks/templates");
              router.refresh();
            } else setError("serverError" in res ? res.serverError : (res.message ?? "The template could not be deleted."));
          })
        }
      />
    </>
  );
}
