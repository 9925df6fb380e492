"use client";
import { cloneElement, createContext, useContext, useEffect, useId, useRef, useState } from "react";

type TipsModule = typeof import("./tooltip-radix");

// Radix's tooltip (with floating-ui, ~19 KiB compressed) is fetched after the page's load event, not with the page:
// the triggers render bare until then. Each tooltip brings its own provider (tooltip-radix.tsx says why).
let tipsModule: TipsModule | null = null;
let tipsLoading: Promise<TipsModule> | null = null;
function loadTips(): Promise<TipsModule> {
  tipsLoading ??= import("./tooltip-radix").then((m) => (tipsModule = m));
  return tipsLoading;
}

/** Fetches the tooltip code once the load event is over (a request started during it would count as first load). */
function prefetchAfterLoad(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = () => (timer = setTimeout(() => void loadTips()));
  if (document.readyState === "complete") later();
  else window.addEventListener("load", later, { once: true });
  return () => {
    window.removeEventListener("load", later);
    clearTimeout(timer);
  };
}

/** The loaded tooltip module once the Tips inside may mount it; false until then; null outside any TipZone. */
const ZoneArmed = createContext<TipsModule | false | null>(null);

/**
 * Renders the Tips inside it as their bare triggers until the pointer or the keyboard focus first enters the zone; then
 * mounts their tooltips. A fleet table of 50 rows would otherwise build 50 Radix tooltip roots, triggers and portals on
 * every server render (about a third of the table's server time, measured) for the one a user might point at.
 *
 * In the browser the zone arms itself once the page is idle after its load event, so that a keyboard or screen-reader
 * user who reaches a trigger later finds it already in place: arming swaps each trigger's element, and a trigger
 * swapped under the focus is focused again (announced twice by a screen reader). Before that, the pointer entering the
 * zone (before it reaches a trigger, so the browser's own enter and leave events reach the new elements; the code is
 * fetched right after the load event, so it is there by then) or the focus entering it arms it at once; a trigger that
 * had the focus gets it back.
 */
export function TipZone({ children, className }: { children: React.ReactNode; className?: string }) {
  const [tips, setTips] = useState<TipsModule | null>(null);
  const zone = useRef<HTMLDivElement>(null);
  const refocus = useRef<string | null>(null);
  const arm = () => {
    const mount = (m: TipsModule) => {
      // the trigger that has the focus when the tooltips mount gets it back
      const active = zone.current?.contains(document.activeElement) ? document.activeElement : null;
      refocus.current = active?.closest<HTMLElement>("[data-tip]")?.dataset.tip ?? null;
      setTips(m);
    };
    if (tipsModule) mount(tipsModule);
    else void loadTips().then(mount);
  };
  useEffect(() => {
    // Focus that arrived before hydration (a quick Tab, a test) never reached onFocus: take it over now.
    if (zone.current?.contains(document.activeElement)) return arm();
    const stopPrefetch = prefetchAfterLoad();
    let idle: number | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const armWhenIdle = () => {
      if (typeof requestIdleCallback === "function") idle = requestIdleCallback(arm, { timeout: 2_000 });
      else timer = setTimeout(arm, 200);
    };
    if (document.readyState === "complete") armWhenIdle();
    else window.addEventListener("load", armWhenIdle, { once: true });
    return () => {
      stopPrefetch();
      window.removeEventListener("load", armWhenIdle);
      if (idle !== undefined) cancelIdleCallback(idle);
      clearTimeout(timer);
    };
  }, []);
  useEffect(() => {
    if (!tips || !refocus.current) return;
    const el = zone.current?.querySelector<HTMLElement>(`[data-tip="${CSS.escape(refocus.current)}"]`);
    refocus.current = null;
    // On the next task: focused from this effect, the new trigger's focus handler (Radix opens on it) did not run
    // (seen in Chromium), as the effect still belongs to React's handling of the focus event that armed the zone.
    const t = setTimeout(() => el?.focus());
    return () => clearTimeout(t);
  }, [tips]);
  const armed = tips !== null;
  return (
    <div
      ref={zone}
      className={className}
      data-tips={armed ? "mounted" : "deferred"}
      onPointerEnter={armed ? undefined : (e) => e.pointerType !== "touch" && arm()}
      onFocus={armed ? undefined : () => arm()}
    >
      {/* the same element whether armed or not: a parent that changed would remount the whole zone */}
      <ZoneArmed.Provider value={tips ?? false}>{children}</ZoneArmed.Provider>
    </div>
  );
}

/**
 * A tooltip on hover and keyboard focus; the trigger must be focusable (a button or link). Radix wires aria-describedby.
 * Inside a TipZone, the tooltip mounts once the zone is armed; outside any, once its code has loaded.
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
  const [own, setOwn] = useState<TipsModule | null>(null);
  useEffect(() => {
    if (armed !== null) return;
    let live = true;
    void loadTips().then((m) => live && setOwn(m));
    return () => void (live = false);
  }, [armed]);
  const trigger = cloneElement(children, { "data-tip": useId() });
  const tips = armed ?? own;
  if (!tips) return trigger;
  return (
    <tips.ArmedTip content={content} side={side}>
      {trigger}
    </tips.ArmedTip>
  );
}
