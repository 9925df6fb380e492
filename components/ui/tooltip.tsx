"use client";
import * as Tooltip from "@radix-ui/react-tooltip";

export const TooltipProvider = Tooltip.Provider;

/** A tooltip on hover and keyboard focus; the trigger must be focusable (a button or link). Radix wires aria-describedby. */
export function Tip({ content, children, side = "top" }: { content: React.ReactNode; children: React.ReactElement; side?: "top" | "right" | "bottom" | "left" }) {
  return (
    <Tooltip.Root>
      <Tooltip.Trigger asChild>{children}</Tooltip.Trigger>
      <Tooltip.Portal>
        <Tooltip.Content side={side} sideOffset={6} collisionPadding={8} className="z-50 max-w-sm rounded-md border border-border bg-surface px-3 py-2 text-xs text-foreground shadow-lg">
          {content}
          <Tooltip.Arrow className="fill-[var(--border)]" />
        </Tooltip.Content>
      </Tooltip.Portal>
    </Tooltip.Root>
  );
}
