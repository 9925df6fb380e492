"use client";
import { Activity, Menu } from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";

// The sheet (a Radix dialog) is for narrow windows only, and only once opened: its code comes in on the first open.
const MobileNavSheet = dynamic(() => import("./mobile-nav-sheet").then((m) => m.MobileNavSheet), { ssr: false });

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
  const [wanted, setWanted] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
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
      <button
        ref={button}
        type="button"
        onClick={() => {
          setWanted(true);
          setOpen(true);
        }}
        className="inline-flex size-9 items-center justify-center rounded-md text-foreground hover:bg-surface-muted focus-visible:outline-2 focus-visible:outline-ring"
        aria-label="Open navigation"
        aria-haspopup="dialog"
        aria-expanded={open}
        data-testid="nav-menu-button"
      >
        <Menu className="size-5" aria-hidden />
      </button>
      {wanted && <MobileNavSheet open={open} onOpenChange={setOpen} returnFocusTo={button} isAdmin={isAdmin} email={email} role={role} local={local} />}
      <Link href="/" className="flex min-w-0 items-center gap-2 truncate text-sm font-semibold">
        <Activity className="size-5 shrink-0 text-accent" aria-hidden />
        Harbor Fleet Console
      </Link>
    </header>
  );
}
