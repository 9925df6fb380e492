"use client";
import { useSyncExternalStore } from "react";

let loaded = false;
let scheduled = false;
const listeners = new Set<() => void>();

function schedule() {
  if (scheduled) return;
  scheduled = true;
  const done = () => {
    loaded = true;
    for (const listener of listeners) listener();
  };
  const whenIdle = () => (typeof window.requestIdleCallback === "function" ? window.requestIdleCallback(done, { timeout: 500 }) : window.setTimeout(done, 50));
  if (document.readyState === "complete") whenIdle();
  else window.addEventListener("load", whenIdle, { once: true });
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  schedule();
  return () => void listeners.delete(listener);
}

/**
 * False on the server, while hydrating, and until the page has loaded and the browser is idle; true after (and at
 * once on every later page). For drawing whose code is not part of a page's first load: a chart's library is
 * fetched only when this turns true, so it does not compete with the page's own scripts.
 */
export function useAfterLoad(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => loaded,
    () => false,
  );
}
