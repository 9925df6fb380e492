import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { getUser } from "@/lib/auth";
import { env, oidcEnabled } from "@/lib/env";
import { describeLockError } from "@/lib/schemas/login-error";
import { safeCallbackPath } from "@/lib/security/safe-redirect";

export const metadata: Metadata = { title: "Sign in" };

const REASONS: Record<string, string> = {
  signed_out: "Your session has ended. Sign in again.",
  signed_out_by_user: "You are signed out.",
  password_changed: "Password changed. Sign in with your new password.",
};
const ERRORS: Record<string, string> = {
  AccountDisabled: "This account is disabled. Ask an admin.",
  OidcNoEmail: "The identity provider did not send an email address.",
  OidcLinkRefused: "Single sign-on could not be linked to the existing account with this email (a local account, an unverified email, or an account linked to another identity). Ask an admin.",
  OAuthSignin: "Single sign-on could not start. Try again, or use your local account.",
  OAuthCallback: "Single sign-on failed. Try again, or use your local account.",
  Callback: "Single sign-on failed. Try again, or use your local account.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const sp = await searchParams;
  const callbackUrl = safeCallbackPath(sp.callbackUrl);
  if (await getUser()) redirect(callbackUrl);
  const notice = (sp.reason && REASONS[sp.reason]) || undefined;
  const error = (sp.error && (ERRORS[sp.error] ?? describeLockError(sp.error) ?? "Sign-in failed. Try again.")) || undefined;
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <h1 className="text-xl font-semibold">Harbor Fleet Console</h1>
          <p className="mt-1 text-sm text-muted">Sign in to see and steer your Harbor registries.</p>
        </div>
        <LoginForm callbackUrl={callbackUrl} notice={notice} initialError={error} sso={oidcEnabled() ? env().OIDC_NAME : null} />
      </div>
    </main>
  );
}
