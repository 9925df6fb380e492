"use client";
import { useEffect, useRef } from "react";

/**
 * The box a chart draws in: one image to assistive technology (role="img", named by `label`, which summarises what
 * the chart shows), and no tab stops inside it. Pair it with `accessibilityLayer={false}` on the recharts chart (else
 * its surface is a tab stop with arrow-key navigation).
 *
 * Even so, recharts 3 draws its layers into <g> elements that React portals into, React listens for focus events on
 * every portal container, and Chromium makes an SVG element with focus listeners keyboard-focusable: each chart held
 * four invisible tab stops. tabindex="-1" takes every <g> out of the tab order (the mouse tooltip is unaffected).
 */
export function ChartFrame({ label, className, children }: { label: string; className?: string; children: React.ReactNode }) {
  const frame = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = frame.current;
    if (!el) return;
    const untab = () => el.querySelectorAll("svg g:not([tabindex])").forEach((g) => g.setAttribute("tabindex", "-1"));
    untab();
    const observer = new MutationObserver(untab);
    observer.observe(el, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={frame} role="img" aria-label={label} className={className}>
      {children}
    </div>
  );
}
