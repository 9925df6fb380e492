"use client";
import { KeyRound } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { Confirm, Modal } from "@/components/ui/dialog";
import { resetUserPasswordAction } from "@/lib/actions/users";
import { OneTimePassword } from "./one-time-password";

/** A new one-time password for another local user, after a confirmation; shown once, in a dialog, until closed. */
export function ResetPasswordButton({ id, email }: { id: string; email: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [reset, setReset] = useState<{ password: string; disabled: boolean } | null>(null);
  return (
    <>
      <Confirm
        trigger={
          <Button variant="secondary" size="sm" className="whitespace-nowrap" aria-label={`Reset the password of ${email}`} disabled={pending}>
            <KeyRound className="size-4" aria-hidden /> Reset password
          </Button>
        }
        title={`Reset the password of ${email}?`}
        description={
          <p>
            <strong className="text-foreground">{email}</strong> gets a new one-time password, shown to you once. Every session of theirs ends now, their
            current password stops working, a sign-in lock on their email is lifted, and they choose their own password at the next sign-in. The audit trail
            records the reset.
          </p>
        }
        confirmLabel="Reset password"
        pending={pending}
        onConfirm={() =>
          start(async () => {
            const res = await resetUserPasswordAction({ id });
            if ("data" in res) {
              setReset({ password: res.data.password, disabled: res.data.disabled });
              router.refresh();
            } else toast.error("serverError" in res ? res.serverError : (res.message ?? "Could not reset the password"));
          })
        }
      />
      <Modal open={reset !== null} onOpenChange={(o) => !o && setReset(null)} title="Password reset">
        {reset && (
          <OneTimePassword email={email} password={reset.password} testId="reset-password" onDone={() => setReset(null)}>
            It is shown only now; they choose their own at their next sign-in.
            {reset.disabled ? " The account is disabled: enable it before they can sign in." : ""}
          </OneTimePassword>
        )}
      </Modal>
    </>
  );
}
