"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { changePasswordAction } from "@/lib/actions/users";
import { applyActionErrors } from "@/components/forms/apply-action-errors";
import { PASSWORD_MIN, ZPasswordChangeInput, type TPasswordChangeInput } from "@/lib/schemas/user";

export function PasswordForm({ email }: { email: string }) {
  const [error, setError] = useState<string>();
  const form = useForm<TPasswordChangeInput>({ resolver: zodResolver(ZPasswordChangeInput), defaultValues: { current: "", next: "", confirm: "" } });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    setError(undefined);
    const res = await changePasswordAction(values);
    if ("data" in res) {
      // Changing the password ends every session, this one included.
      await signOut({ callbackUrl: "/login?reason=password_changed" });
      return;
    }
    setError(applyActionErrors(form, res));
  });
  return (
    <Card>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <input type="email" autoComplete="username" value={email} readOnly hidden />
        {error && <Notice tone="danger">{error}</Notice>}
        <Field label="Current password" error={errors.current?.message}>
          <Input type="password" autoComplete="current-password" {...form.register("current")} />
        </Field>
        <Field label="New password" hint={`At least ${PASSWORD_MIN} characters.`} error={errors.next?.message}>
          <Input type="password" autoComplete="new-password" {...form.register("next")} />
        </Field>
        <Field label="Repeat the new password" error={errors.confirm?.message}>
          <Input type="password" autoComplete="new-password" {...form.register("confirm")} />
        </Field>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : "Change password"}
        </Button>
      </form>
    </Card>
  );
}
