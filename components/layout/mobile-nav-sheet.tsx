"use client";
import * as Dialog from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import { Sidebar } from "./sidebar";
import { UserMenu } from "./user-menu";
import type { MobileNavProps } from "./mobile-nav";

/** MobileNav's sheet: loaded on the first open (see mobile-nav.tsx), with the focus handed back to the menu button. */
export function MobileNavSheet({
  open,
  onOpenChange,
  returnFocusTo,
  isAdmin,
  email,
  role,
  local,
}: MobileNavProps & { open: boolean; onOpenChange: (open: boolean) => void; returnFocusTo: React.RefObject<HTMLButtonElement | null> }) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <Dialog.Content
          aria-describedby={undefined}
          data-testid="nav-sheet"
          onCloseAutoFocus={(e) => {
            e.preventDefault();
            returnFocusTo.current?.focus();
          }}
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
            <Sidebar isAdmin={isAdmin} onNavigate={() => onOpenChange(false)} />
          </div>
          <UserMenu email={email} role={role} local={local} />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
