"use client";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False on the server and while hydrating, true after. For what only the browser can draw: a chart sized to its
 * container has nothing to show in server HTML (recharts renders an empty wrapper) but still builds its store there.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
