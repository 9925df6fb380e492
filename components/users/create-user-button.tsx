"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { UserPlus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyActionErrors } from "@/components/forms/apply-action-errors";
import { Button } from "@/components/ui/button";
import { Modal } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { createUserAction } from "@/lib/actions/users";
import { ROLE_DESCRIPTION, ROLES, ZUserCreateInput, type TUserCreateInput } from "@/lib/schemas/user";
import { OneTimePassword } from "./one-time-password";

export function CreateUserButton() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);
  const [error, setError] = useState<string>();
  const form = useForm<TUserCreateInput>({ resolver: zodResolver(ZUserCreateInput), defaultValues: { email: "", name: "", role: "viewer" } });
  const { errors, isSubmitting } = form.formState;

  const close = (o: boolean) => {
    setOpen(o);
    if (!o) {
      setCreated(null);
      setError(undefined);
      form.reset();
    }
  };

  const onSubmit = form.handleSubmit(async (values) => {
    setError(undefined);
    const res = await createUserAction(values);
    if ("data" in res) {
      setCreated({ email: res.data.user.email, password: res.data.initialPassword });
      router.refresh();
      return;
    }
    setError(applyActionErrors(form, res));
  });

  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <UserPlus className="size-4" aria-hidden /> Add user
      </Button>
      <Modal open={open} onOpenChange={close} title={created ? "User created" : "Add a user"}>
        {created ? (
          <OneTimePassword email={created.email} password={created.password} testId="initial-password" onDone={() => close(false)}>
            It is shown only now; they choose their own at first sign-in.
          </OneTimePassword>
        ) : (
          <form onSubmit={onSubmit} noValidate className="space-y-4">
            {error && <Notice tone="danger">{error}</Notice>}
            <Field label="Email" error={errors.email?.message}>
              <Input type="email" autoComplete="off" {...form.register("email")} />
            </Field>
            <Field label="Name (optional)" error={errors.name?.message}>
              <Input autoComplete="off" {...form.register("name")} />
            </Field>
            <Field label="Role" hint={ROLE_DESCRIPTION[form.watch("role") ?? "viewer"]} error={errors.role?.message}>
              <Select {...form.register("role")}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </Select>
            </Field>
            <div className="flex justify-end gap-2">
              <Button type="button" variant="secondary" onClick={() => close(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={isSubmitting}>
                {isSubmitting ? "Creating…" : "Create user"}
              </Button>
            </div>
          </form>
        )}
      </Modal>
    </>
  );
}
