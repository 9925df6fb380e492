"use client";
import * as Menu from "@radix-ui/react-dropdown-menu";
import { KeyRound, LogOut } from "lucide-react";
import Link from "next/link";
import { useEffect, useId, useRef } from "react";
import { USER_MENU_TRIGGER, UserMenuFace, type UserMenuProps } from "./user-menu";

// next-auth's browser client is on every console page only for this item: it comes in when it is chosen.
async function signOut() {
  const { signOut } = await import("next-auth/react");
  await signOut({ callbackUrl: "/login?reason=signed_out_by_user" });
}

/** The account menu proper (Radix), swapped in for UserMenu's plain button once the page has loaded or on first use. */
export function UserMenuDropdown({ email, role, local, defaultOpen, focusTrigger }: UserMenuProps & { defaultOpen: boolean; focusTrigger: boolean }) {
  const signOutId = useId();
  const trigger = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusTrigger) trigger.current?.focus();
  }, [focusTrigger]);
  return (
    <Menu.Root defaultOpen={defaultOpen}>
      <Menu.Trigger ref={trigger} className={USER_MENU_TRIGGER}>
        <UserMenuFace email={email} role={role} />
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content side="top" align="start" sideOffset={6} className="z-50 min-w-52 rounded-md border border-border bg-surface p-1 text-sm shadow-lg">
          {local && (
            <Menu.Item asChild>
              <Link
                href="/account/password"
                className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 outline-none data-[highlighted]:bg-surface-muted"
              >
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
