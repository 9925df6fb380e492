"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { describeLoginError } from "@/lib/schemas/login-error";
import { ZLoginInput } from "@/lib/schemas/user";

export function LoginForm({ callbackUrl, notice, initialError, sso }: { callbackUrl: string; notice?: string; initialError?: string; sso: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>(initialError);
  const form = useForm<z.input<typeof ZLoginInput>>({ resolver: zodResolver(ZLoginInput), defaultValues: { email: "", password: "" } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setError(undefined);
    const res = await signIn("credentials", { redirect: false, email: values.email, password: values.password, callbackUrl });
    if (!res || res.error) {
      setError(describeLoginError(res?.error ?? ""));
      form.setValue("password", "");
      form.setFocus("password");
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  });

  return (
    <Card className="space-y-4">
      {notice && <Notice>{notice}</Notice>}
      {error && (
        <Notice tone="danger" data-testid="login-error">
          {error}
        </Notice>
      )}
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <Field label="Email" error={errors.email?.message}>
          <Input type="email" autoComplete="username" autoFocus {...form.register("email")} />
        </Field>
        <Field label="Password" error={errors.password?.message}>
          <Input type="password" autoComplete="current-password" {...form.register("password")} />
        </Field>
        <Button type="submit" className="w-full" disabled={isSubmitting}>
          {isSubmitting ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {sso && (
        <>
          <div className="flex items-center gap-2 text-xs text-muted">
            <span className="h-px flex-1 bg-border" /> or <span className="h-px flex-1 bg-border" />
          </div>
          <Button type="button" variant="secondary" className="w-full" onClick={() => void signIn("oidc", { callbackUrl })}>
            Continue with {sso}
          </Button>
        </>
      )}
    </Card>
  );
}
