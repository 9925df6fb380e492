"use client";
import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { Confirm } from "@/components/ui/dialog";
import { deleteUserAction } from "@/lib/actions/users";

/** Deletes a user after a confirmation naming their email; the server refuses the admin's own account and the last active admin. */
export function DeleteUserButton({ id, email, sso }: { id: string; email: string; sso: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Confirm
      trigger={
        <Button variant="secondary" size="sm" aria-label={`Delete ${email}`} disabled={pending}>
          <Trash2 className="size-4" aria-hidden /> Delete
        </Button>
      }
      title={`Delete user ${email}?`}
      description={
        <>
          <p>
            <strong className="text-foreground">{email}</strong> can no longer sign in, and every session of theirs ends now. The audit trail keeps what they
            did, and records the deletion.
          </p>
          {sso && (
            <p className="mt-2">
              They sign in through single sign-on: signing in there again would create the account anew, with the default role. To keep them out, disable the
              account instead.
            </p>
          )}
        </>
      }
      confirmLabel={`Delete ${email}`}
      pending={pending}
      onConfirm={() =>
        start(async () => {
          const res = await deleteUserAction({ id, email });
          if ("data" in res) toast.success(`Deleted ${res.data.email}`);
          else toast.error("serverError" in res ? res.serverError : (res.message ?? "Could not delete"));
          router.refresh();
        })
      }
    />
  );
}
