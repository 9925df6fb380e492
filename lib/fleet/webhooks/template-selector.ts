/**
 * Which instances and projects a webhook template selects. Pure. An instance is selected when it is in one of the
 * template's environments (none listed: any), carries every listed label ("key=value" exactly, or "key" with any
 * value) and its name matches the instance glob; a project when its name matches the project glob.
 */

export interface SelectorFields {
  environments: string[];
  labels: string[];
  instancePattern: string;
  projectPattern: string;
}

/** `*` any run of characters (none included), `?` exactly one; the whole name must match; case-sensitive. */
export function globMatch(pattern: string, name: string): boolean {
  const re = pattern
    .trim()
    .split("")
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\-]/g, "\\$&")))
    .join("");
  return new RegExp(`^${re}$`, "s").test(name);
}

export function instanceSelected(s: SelectorFields, i: { name: string; environment: string; labels: string[] }): boolean {
  if (s.environments.length && !s.environments.includes(i.environment)) return false;
  const keys = new Set(i.labels.map((l) => l.split("=")[0]));
  if (!s.labels.every((l) => (l.includes("=") ? i.labels.includes(l) : keys.has(l)))) return false;
  return globMatch(s.instancePattern, i.name);
}

export function projectSelected(s: SelectorFields, project: string): boolean {
  return globMatch(s.projectPattern, project);
}
