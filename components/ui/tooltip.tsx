"use client";
import * as Tooltip from "@radix-ui/react-tooltip";
import { cloneElement, createContext, useContext, useEffect, useId, useRef, useState } from "react";

// The Radix provider (shared delays) sits in each TipZone, or around a Tip outside any, not in the root layout:
// pages without tooltips do not load Radix's tooltip.
const DELAY_MS = 200;

/** Whether the Tips inside may mount Radix; null outside any TipZone (mount at once, with a provider of its own). */
const ZoneArmed = createContext<boolean | null>(null);

/**
 * Renders the Tips inside it as their bare triggers until the pointer or the keyboard focus first enters the zone; then
 * mounts their tooltips. A fleet table of 50 rows would otherwise build 50 Radix tooltip roots, triggers and portals on
 * every server render (about a third of the table's server time, measured) for the one a user might point at.
 *
 * In the browser the zone arms itself once the page is idle after hydration, so that a keyboard or screen-reader user
 * who reaches a trigger later finds it already in place: arming swaps each trigger's element, and a trigger swapped
 * under the focus is focused again (announced twice by a screen reader). Before that, the pointer entering the zone
 * (before it reaches a trigger, so the browser's own enter and leave events reach the new elements) or the focus
 * entering it arms it at once; a trigger that had the focus gets it back.
 */
export function TipZone({ children, className }: { children: React.ReactNode; className?: string }) {
  const [armed, setArmed] = useState(false);
  const zone = useRef<HTMLDivElement>(null);
  const refocus = useRef<string | null>(null);
  const arm = (target: Element | null) => {
    refocus.current = target?.closest<HTMLElement>("[data-tip]")?.dataset.tip ?? null;
    setArmed(true);
  };
  useEffect(() => {
    // Focus that arrived before hydration (a quick Tab, a test) never reached onFocus: take it over now.
    if (zone.current?.contains(document.activeElement)) return arm(document.activeElement);
    const armNow = () => arm(zone.current?.contains(document.activeElement) ? document.activeElement : null);
    if (typeof requestIdleCallback === "function") {
      const id = requestIdleCallback(armNow, { timeout: 2_000 });
      return () => cancelIdleCallback(id);
    }
    const t = setTimeout(armNow, 200);
    return () => clearTimeout(t);
  }, []);
  useEffect(() => {
    if (!armed || !refocus.current) return;
    const el = zone.current?.querySelector<HTMLElement>(`[data-tip="${CSS.escape(refocus.current)}"]`);
    refocus.current = null;
    // On the next task: focused from this effect, the new trigger's focus handler (Radix opens on it) did not run
    // (seen in Chromium), as the effect still belongs to React's handling of the focus event that armed the zone.
    const t = setTimeout(() => el?.focus());
    return () => clearTimeout(t);
  }, [armed]);
  return (
    <div
      ref={zone}
      className={className}
      data-tips={armed ? "mounted" : "deferred"}
      onPointerEnter={armed ? undefined : (e) => e.pointerType !== "touch" && setArmed(true)}
      onFocus={armed ? undefined : (e) => arm(e.target as Element)}
    >
      <Tooltip.Provider delayDuration={DELAY_MS}>
        <ZoneArmed.Provider value={armed}>{children}</ZoneArmed.Provider>
      </Tooltip.Provider>
    </div>
  );
}

/**
 * A tooltip on hover and keyboard focus; the trigger must be focusable (a button or link). Radix wires aria-describedby.
 * Inside a TipZone, the tooltip mounts once the zone is entered.
 */
export function Tip({
  content,
  children,
  side = "top",
}: {
  content: React.ReactNode;
  children: React.ReactElement<{ "data-tip"?: string }>;
  side?: "top" | "right" | "bottom" | "left";
}) {
  const armed = useContext(ZoneArmed);
  const trigger = cloneElement(children, { "data-tip": useId() });
  if (armed === false) return trigger;
  const tip = (
    <ArmedTip content={content} side={side}>
      {trigger}
    </ArmedTip>
  );
  return armed === null ? <Tooltip.Provider delayDuration={DELAY_MS}>{tip}</Tooltip.Provider> : tip;
}

/** How long after a focus a close is taken for the scroll that focus caused (one or two frames; 250 ms to spare). */
const FOCUS_SCROLL_MS = 250;

function ArmedTip({ content, children, side }: { content: React.ReactNode; children: React.ReactElement; side: "top" | "right" | "bottom" | "left" }) {
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
  return (
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
  );
}
