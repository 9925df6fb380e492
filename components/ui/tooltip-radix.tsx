"use client";
import * as Tooltip from "@radix-ui/react-tooltip";
import { useRef, useState } from "react";

// Radix's tooltip and floating-ui (~19 KiB compressed) are not part of any page's first load: components/ui/tooltip.tsx
// imports this module once the page has loaded, or when the pointer or the focus first enters a TipZone.

const DELAY_MS = 200;

/** How long after a focus a close is taken for the scroll that focus caused (one or two frames; 250 ms to spare). */
const FOCUS_SCROLL_MS = 250;

export function ArmedTip({ content, children, side }: { content: React.ReactNode; children: React.ReactElement; side: "top" | "right" | "bottom" | "left" }) {
  const [open, setOpen] = useState(false);
  const triggerRef = useRef<HTMLElement>(null);
  const focusedAt = useRef(-Infinity);
  // Focusing a trigger out of view scrolls the page, and Radix closes a tooltip when anything around its trigger
  // scrolls: a keyboard user tabbing down the table saw each tooltip open and vanish. A close that comes within
  // FOCUS_SCROLL_MS of a focus, while the trigger still has it, is that scroll; Escape, a click elsewhere and blur are not.
  const expectClose = () => (focusedAt.current = -Infinity); // Escape or a click elsewhere: the user's close
  const onOpenChange = (next: boolean) => {
    if (!next && performance.now() - focusedAt.current < FOCUS_SCROLL_MS && document.activeElement === triggerRef.current) return;
    setOpen(next);
  };
  // A provider per tooltip: a shared one around the zone would have to appear above the table when this module
  // arrives, and a new parent remounts everything under it (a click in progress on a row's link was lost).
  return (
    <Tooltip.Provider delayDuration={DELAY_MS}>
      <Tooltip.Root open={open} onOpenChange={onOpenChange}>
        <Tooltip.Trigger asChild ref={triggerRef as React.Ref<HTMLButtonElement>} onFocus={() => (focusedAt.current = performance.now())}>
          {children}
        </Tooltip.Trigger>
        <Tooltip.Portal>
          <Tooltip.Content
            side={side}
            sideOffset={6}
            collisionPadding={8}
            onEscapeKeyDown={expectClose}
            onPointerDownOutside={expectClose}
            className="z-50 max-w-sm rounded-md border border-border bg-surface px-3 py-2 text-xs text-foreground shadow-lg"
          >
            {content}
            <Tooltip.Arrow className="fill-[var(--border)]" />
          </Tooltip.Content>
        </Tooltip.Portal>
      </Tooltip.Root>
    </Tooltip.Provider>
  );
}
