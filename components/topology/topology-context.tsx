"use client";
import { createContext, useContext } from "react";
import type { ConfigIssue } from "@/lib/schemas/config-issue";
import type { SecretPath } from "@/lib/schemas/topology-secrets";

export interface TopologyFormState {
  /** issues by field path, already filtered to what should be visible now */
  issueFor: (field: string) => { error?: string; warning?: string };
  secretsSet: readonly SecretPath[];
  /** stored secrets the user chose to remove on save */
  cleared: readonly SecretPath[];
  toggleCleared: (path: SecretPath) => void;
  readOnly: boolean;
}

const Ctx = createContext<TopologyFormState | null>(null);

export const TopologyFormProvider = Ctx.Provider;

export function useTopologyForm(): TopologyFormState {
  const v = useContext(Ctx);
  if (!v) throw new Error("useTopologyForm outside TopologyFormProvider");
  return v;
}

/** Indexes issues by field; a field shows its first error, else its first warning. */
export function indexIssues(issues: readonly ConfigIssue[]): Map<string, { error?: string; warning?: string }> {
  const map = new Map<string, { error?: string; warning?: string }>();
  for (const i of issues) {
    const cur = map.get(i.field) ?? {};
    if (i.severity === "error" && !cur.error) cur.error = i.message;
    if (i.severity === "warning" && !cur.warning) cur.warning = i.message;
    map.set(i.field, cur);
  }
  return map;
}
