import type { Metadata } from "next";
import Link from "next/link";
import { PasswordForm } from "@/components/auth/password-form";
import { Notice } from "@/components/ui/notice";
import { requireUser } from "@/lib/auth";

export const metadata: Metadata = { title: "Change password" };

export default async function PasswordPage() {
  const user = await requireUser({ allowOneTimePassword: true });
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-md space-y-4">
        <h1 className="text-xl font-semibold">Change password</h1>
        {user.mustChangePassword ? (
          <Notice tone="warning">You signed in with a one-time password. Choose your own to continue.</Notice>
        ) : (
          <Link href="/" className="text-sm text-accent hover:underline">
            ← Back to the console
          </Link>
        )}
        {user.provider === "local" ? (
          <PasswordForm email={user.email} />
        ) : (
          <Notice>This account signs in through single sign-on; change your password with your identity provider.</Notice>
        )}
      </div>
    </main>
  );
}
