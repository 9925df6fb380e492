"use client";
import * as Dialog from "@radix-ui/react-dialog";
import { Activity, Menu, X } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { Sidebar } from "./sidebar";
import { UserMenu } from "./user-menu";

/** Where the sidebar shows for good (Tailwind's `lg`); below it the navigation is this menu. */
const WIDE = "(min-width: 64rem)";

export interface MobileNavProps {
  isAdmin: boolean;
  email: string;
  role: string;
  local: boolean;
}

/**
 * The top bar of narrow windows: a menu button that opens the navigation as a sheet (a Radix dialog: focus kept
 * inside, Escape and the overlay close it, focus back on the button). It closes on navigation, and when the window
 * grows wide enough for the sidebar.
 */
export function MobileNav({ isAdmin, email, role, local }: MobileNavProps) {
  const [open, setOpen] = useState(false);
  const path = usePathname();
  const [openedAt, setOpenedAt] = useState(path);
  if (openedAt !== path) {
    setOpenedAt(path);
    setOpen(false);
  }
  useEffect(() => {
    const wide = window.matchMedia(WIDE);
    const onChange = () => wide.matches && setOpen(false);
    wide.addEventListener("change", onChange);
    return () => wide.removeEventListener("change", onChange);
  }, []);
  return (
    <header className="sticky top-0 z-30 flex h-12 items-center gap-2 border-b border-border bg-surface px-2 lg:hidden">
      <Dialog.Root open={open} onOpenChange={setOpen}>
        <Dialog.Trigger
          className="inline-flex size-9 items-center justify-center rounded-md text-foreground hover:bg-surface-muted focus-visible:outline-2 focus-visible:outline-ring"
          aria-label="Open navigation"
          data-testid="nav-menu-button"
        >
          <Menu className="size-5" aria-hidden />
        </Dialog.Trigger>
        <Dialog.Portal>
          <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
          <Dialog.Content
            aria-describedby={undefined}
            data-testid="nav-sheet"
            className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col justify-between gap-4 overflow-y-auto border-r border-border bg-surface p-3 shadow-xl"
          >
            <div>
              <div className="mb-2 flex items-center justify-between">
                <Dialog.Title className="px-2 text-xs font-semibold uppercase tracking-wide text-muted">Navigation</Dialog.Title>
                <Dialog.Close
                  className="inline-flex size-8 items-center justify-center rounded-md text-muted hover:bg-surface-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring"
                  aria-label="Close navigation"
                >
                  <X className="size-4" aria-hidden />
                </Dialog.Close>
              </div>
              <Sidebar isAdmin={isAdmin} onNavigate={() => setOpen(false)} />
            </div>
            <UserMenu email={email} role={role} local={local} />
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
      <Link href="/" className="flex min-w-0 items-center gap-2 truncate text-sm font-semibold">
        <Activity className="size-5 shrink-0 text-accent" aria-hidden />
        Harbor Fleet Console
      </Link>
    </header>
  );
}
