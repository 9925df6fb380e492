"use client";
import { useSyncExternalStore } from "react";

let now = 0;
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function tick() {
  now = Date.now();
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    timer = setInterval(tick, 15_000);
    queueMicrotask(tick);
  }
  return () => {
    listeners.delete(listener);
    if (!listeners.size) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/**
 * The current time, ticking every 15 s, for relative times ("3 min ago"). Null on the server and during
 * hydration, so server and client render the same markup; callers show an absolute time until then.
 */
export function useNow(): number | null {
  const v = useSyncExternalStore(
    subscribe,
    () => now,
    () => 0,
  );
  return v === 0 ? null : v;
}
