"use client";
import * as Menu from "@radix-ui/react-dropdown-menu";
import { ChevronsUpDown, KeyRound, LogOut } from "lucide-react";
import Link from "next/link";
import { useId } from "react";

// next-auth's browser client is on every console page only for this item: it comes in when it is chosen.
async function signOut() {
  const { signOut } = await import("next-auth/react");
  await signOut({ callbackUrl: "/login?reason=signed_out_by_user" });
}

export function UserMenu({ email, role, local }: { email: string; role: string; local: boolean }) {
  const signOutId = useId();
  return (
    <Menu.Root>
      <Menu.Trigger className="flex w-full items-center justify-between gap-2 rounded-md border border-border bg-surface px-2 py-1.5 text-left text-sm hover:bg-surface-muted">
        {/* Named by what it shows, after a prefix for screen readers: "Account menu for ada@example.com admin". */}
        <span className="sr-only">Account menu for </span>
        <span className="min-w-0">
          <span className="block truncate font-medium" data-testid="current-user">{email}</span>
          <span className="block text-xs text-muted">{role}</span>
        </span>
        <ChevronsUpDown className="size-4 shrink-0 text-muted" aria-hidden />
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content side="top" align="start" sideOffset={6} className="z-50 min-w-52 rounded-md border border-border bg-surface p-1 text-sm shadow-lg">
          {local && (
            <Menu.Item asChild>
              <Link href="/account/password" className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 outline-none data-[highlighted]:bg-surface-muted">
                <KeyRound className="size-4" aria-hidden /> Change password
              </Link>
            </Menu.Item>
          )}
          {/* Signing out bumps the user's session version: every session of theirs ends, not only this browser's. */}
          <Menu.Item
            onSelect={() => void signOut()}
            aria-labelledby={`${signOutId}-label`}
            aria-describedby={`${signOutId}-hint`}
            className="flex cursor-pointer items-start gap-2 rounded px-2 py-1.5 outline-none data-[highlighted]:bg-surface-muted"
          >
            <LogOut className="mt-0.5 size-4 shrink-0" aria-hidden />
            <span>
              <span id={`${signOutId}-label`} className="block">
                Sign out
              </span>
              <span id={`${signOutId}-hint`} className="block text-xs text-muted">
                Ends your sessions on every device
              </span>
            </span>
          </Menu.Item>
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
