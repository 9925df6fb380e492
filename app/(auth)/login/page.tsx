import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { LoginForm, type LoginHost } from "@/components/auth/login-form";
import { Notice } from "@/components/ui/notice";
import { getUser } from "@/lib/auth";
import { allowedDevOrigins, isDevOriginAllowed } from "@/lib/bootstrap/dev-origins.mjs";
import { env, oidcEnabled } from "@/lib/env";
import { describeServerLoginError, SSO_REFUSAL_MESSAGES } from "@/lib/schemas/login-error";
import { checkHost, configuredAuthOrigin, requestOrigin, WRONG_HOST_ERROR } from "@/lib/security/host-check";
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
  ...SSO_REFUSAL_MESSAGES,
  OAuthSignin: "Single sign-on could not start. Try again, or use your local account.",
  OAuthCallback: "Single sign-on failed. Try again, or use your local account.",
  Callback: "Single sign-on failed. Try again, or use your local account.",
  [WRONG_HOST_ERROR]: "Not signed in: sign-in only works at the console's configured address (NEXTAUTH_URL).",
};

/** Where next-auth signs in, and whether this request came from somewhere else. */
async function loginHost(): Promise<LoginHost & { devBlocked: string | null }> {
  const e = env();
  const configured = configuredAuthOrigin(e);
  const opened = requestOrigin(await headers(), e.TRUST_PROXY);
  const check = configured && opened ? checkHost(opened, configured) : null;
  // `next dev` serves its scripts only to hosts it knows: elsewhere this page would render and never start.
  const hostname = opened && new URL(opened.origin).hostname;
  const devBlocked =
    e.NODE_ENV === "development" && hostname && !isDevOriginAllowed(hostname, allowedDevOrigins(e.CONSOLE_ALLOWED_DEV_ORIGINS)) ? hostname : null;
  return { configured, serverMismatch: check && !check.ok ? check : null, devBlocked };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const sp = await searchParams;
  const callbackUrl = safeCallbackPath(sp.callbackUrl);
  if (await getUser()) redirect(callbackUrl);
  const notice = (sp.reason && REASONS[sp.reason]) || undefined;
  const error = (sp.error && (ERRORS[sp.error] ?? describeServerLoginError(sp.error) ?? "Sign-in failed. Try again.")) || undefined;
  const { devBlocked, ...host } = await loginHost();
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <h1 className="text-xl font-semibold">Harbor Fleet Console</h1>
          <p className="mt-1 text-sm text-muted">Sign in to see and steer your Harbor registries.</p>
        </div>
        {devBlocked && (
          <Notice tone="warning" className="mb-4" data-testid="dev-origin-blocked">
            The development server does not serve its scripts to {devBlocked}, so this page cannot sign you in. Add {devBlocked} to CONSOLE_ALLOWED_DEV_ORIGINS
            and restart <code>npm run dev</code>, or open the console at localhost.
          </Notice>
        )}
        <LoginForm callbackUrl={callbackUrl} notice={notice} initialError={error} sso={oidcEnabled() ? env().OIDC_NAME : null} host={host} />
      </div>
    </main>
  );
}
