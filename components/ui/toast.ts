"use client";
import { useSyncExternalStore } from "react";
import type { toast as sonnerToast } from "sonner";

// sonner (~12 KiB compressed) is not part of any page's first load: the Toaster mounts once the page has loaded
// (components/layout/providers.tsx), or at once when a toast is asked for before that; a toast waits for it.
let wanted = false;
const listeners = new Set<() => void>();
let markMounted: () => void = () => {};
const mounted = new Promise<void>((resolve) => (markMounted = resolve));

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

/** True once a toast has been asked for: the Toaster must mount now. */
export function useToasterWanted(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => wanted,
    () => false,
  );
}

/** Called by the Toaster once it listens for toasts. */
export function toasterMounted() {
  markMounted();
}

async function show(kind: "success" | "error", args: Parameters<typeof sonnerToast.success>) {
  if (!wanted) {
    wanted = true;
    for (const listener of listeners) listener();
  }
  const [{ toast }] = await Promise.all([import("sonner"), mounted]);
  toast[kind](...args);
}

export const toast = {
  success: (...args: Parameters<typeof sonnerToast.success>) => void show("success", args),
  error: (...args: Parameters<typeof sonnerToast.error>) => void show("error", args),
};
