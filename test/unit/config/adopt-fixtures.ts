/** Hand-written harbor.yml / Helm values files of running Harbors (test/support/fixtures/adopt) and their readers. */
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";

export const ADOPT_DIR = path.resolve(import.meta.dirname, "../../support/fixtures/adopt");
export const readFixture = (name: string) => fs.readFileSync(path.join(ADOPT_DIR, name), "utf8");

/** Every leaf of a YAML file (the test's own walk, independent of lib/config/adopt-leaves.ts): path → value. */
export function yamlLeaves(text: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (v: unknown, prefix: string) => {
    if (v && typeof v === "object" && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) walk(x, prefix ? `${prefix}.${k}` : k);
    else if (v !== null && v !== "" && v !== undefined) out.set(prefix, v);
  };
  walk(parse(text.replace(/^USER-SUPPLIED VALUES:\n/, ""), { version: "1.1" }), "");
  return out;
}

/** Same setting: equal scalars (443 and "443" alike), lists as sets. */
export function sameSetting(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return JSON.stringify(a.map(String).sort()) === JSON.stringify(b.map(String).sort());
  return String(a) === String(b);
}
