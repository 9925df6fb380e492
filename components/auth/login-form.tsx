"use client";
import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore } from "react";
import { useForm, type Resolver } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { describeLoginError } from "@/lib/schemas/login-error";
import { checkHost, type HostCheck } from "@/lib/security/host-check";
import type { ZLoginInput } from "@/lib/schemas/user";
import { HostMismatchNotice } from "./host-mismatch-notice";
import { COOKIE_LOST, signInOutcome, wrongHostError } from "./sign-in-outcome";

type Mismatch = Extract<HostCheck, { ok: false }>;
type TLoginFields = z.input<typeof ZLoginInput>;

// zod (with the user schemas) and next-auth's browser client are most of this page's script: they come in on the
// first validation or sign-in, not with the page.
const loginResolver: Resolver<TLoginFields> = async (values, context, options) => {
  const [{ zodResolver }, { ZLoginInput }] = await Promise.all([import("@hookform/resolvers/zod"), import("@/lib/schemas/user")]);
  return zodResolver(ZLoginInput)(values, context, options);
};
const nextAuth = () => import("next-auth/react");

/** Where next-auth signs in (null: wherever the browser is), and what the server made of the request's host. */
export interface LoginHost {
  configured: string | null;
  serverMismatch: Mismatch | null;
}

const noSubscription = () => () => {};

/**
 * The server's view of the host is the first paint (it may be wrong behind a proxy that rewrites Host); once running,
 * the browser's own origin decides.
 */
function useHostMismatch(host: LoginHost): Mismatch | null {
  const browserOrigin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => null,
  );
  if (!host.configured) return null;
  if (!browserOrigin) return host.serverMismatch;
  const check = checkHost(browserOrigin, host.configured);
  return check.ok ? null : check;
}

export function LoginForm({
  callbackUrl,
  notice,
  initialError,
  sso,
  host,
}: {
  callbackUrl: string;
  notice?: string;
  initialError?: string;
  sso: string | null;
  host: LoginHost;
}) {
  const router = useRouter();
  const mismatch = useHostMismatch(host);
  const [error, setError] = useState<string | undefined>(initialError);
  const form = useForm<TLoginFields>({ resolver: loginResolver, defaultValues: { email: "", password: "" } });
  const { errors, isSubmitting } = form.formState;

  const fail = (message: string) => {
    setError(message);
    form.setValue("password", "");
    form.setFocus("password");
  };

  const onSubmit = form.handleSubmit(async (values) => {
    setError(undefined);
    const { getSession, signIn } = await nextAuth();
    const outcome = signInOutcome(await signIn("credentials", { redirect: false, email: values.email, password: values.password, callbackUrl }));
    if (outcome.kind === "refused") return fail(describeLoginError(outcome.code));
    if (outcome.kind === "wrong-host") return fail(wrongHostError(mismatch));
    // A success the browser kept no cookie for would only bring this form back, empty.
    if (outcome.kind === "cookie-lost" || !(await getSession())) return fail(mismatch ? wrongHostError(mismatch) : COOKIE_LOST);
    router.replace(callbackUrl);
    router.refresh();
  });

  return (
    <Card className="space-y-4">
      {mismatch && <HostMismatchNotice mismatch={mismatch} callbackUrl={callbackUrl} />}
      {notice && <Notice>{notice}</Notice>}
      {error && (
        <Notice tone="danger" data-testid="login-error">
          {error}
        </Notice>
      )}
      {/* POST: should the script not run, a plain submit must not put the password into the address. */}
      <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
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
          <Button
            type="button"
            variant="secondary"
            className="w-full"
            onClick={() => (mismatch ? setError(wrongHostError(mismatch)) : void nextAuth().then(({ signIn }) => signIn("oidc", { callbackUrl })))}
          >
            Continue with {sso}
          </Button>
        </>
      )}
    </Card>
  );
}
