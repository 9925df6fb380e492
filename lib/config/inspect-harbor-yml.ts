/**
 * Reads a harbor.yml uploaded from a running host, for the diff and the import. Refuses what cannot be a harbor.yml
 * (too big, not YAML, not a mapping, the pre-1.8 harbor.cfg); lists unknown keys and known traps without refusing.
 */
import { isMap } from "yaml";
import { featuresFor } from "./features";
import { HARBOR_YAML_OPTIONS } from "./harbor-yml";
import { STORAGE_DRIVERS, unknownHarborYmlKeys } from "./harbor-yml-keys";
import { parseYamlSafely, type SafeYamlOptions } from "./safe-yaml";

export const MAX_HARBOR_YML_BYTES = 256 * 1024;

/** How an uploaded harbor.yml is read, here and by the diff of the same upload (lib/config/diff.ts). */
export const HARBOR_YML_UPLOAD_OPTIONS: SafeYamlOptions = { ...HARBOR_YAML_OPTIONS, maxBytes: MAX_HARBOR_YML_BYTES };

export type InspectResult = { ok: true; doc: Record<string, unknown>; unknownKeys: string[]; warnings: string[] } | { ok: false; error: string };

const INI_LINE = /^\s*[A-Za-z_][\w.]*\s*=/;
const YAML_KEY_LINE = /^\s*[A-Za-z_][\w.-]*\s*:(\s|$)/;

/** harbor.cfg (≤1.7) is `key = value` lines; a harbor.yml has `key:` lines. */
function looksLikeHarborCfg(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "" && !/^\s*[#;]/.test(l));
  const ini = lines.filter((l) => INI_LINE.test(l)).length;
  return ini >= 2 && ini > lines.filter((l) => YAML_KEY_LINE.test(l)).length;
}

function trapWarnings(doc: Record<string, unknown>, version: string): string[] {
  const f = featuresFor(version)!;
  const out: string[] = [];
  const nonEmpty = (v: unknown) => v !== null && v !== undefined && v !== "" && !(typeof v === "object" && Object.keys(v as object).length === 0);
  if (doc._version !== undefined && String(doc._version) !== f.ymlVersion) {
    out.push(`_version is ${String(doc._version)} but Harbor ${version} expects ${f.ymlVersion}: run "prepare migrate" before installing.`);
  }
  if (nonEmpty(doc.redis) && nonEmpty(doc.external_redis)) {
    out.push("Both redis and external_redis are set: Harbor then builds its Redis URLs from redis (redis:6379) while starting no Redis container.");
  }
  const storage = doc.storage_service as Record<string, unknown> | undefined;
  if (storage && typeof storage === "object") {
    const drivers = STORAGE_DRIVERS.filter((d) => nonEmpty(storage[d]));
    if (drivers.length === 0) out.push("storage_service has no non-empty driver block: Harbor silently uses filesystem (/storage).");
    if (drivers.length > 1) out.push(`storage_service has several drivers (${drivers.join(", ")}); Harbor uses only ${drivers[0]}.`);
  }
  const host = String(doc.hostname ?? "");
  if (["127.0.0.1", "reg.mydomain.com", "localhost"].includes(host)) out.push(`hostname ${host} is refused by prepare or install.sh.`);
  if (!nonEmpty(doc.database) && !nonEmpty(doc.external_database))
    out.push("Neither database nor external_database is set: prepare fails when it writes the database config.");
  return out;
}

/** The checks that need no version: size, harbor.cfg, YAML, a mapping. Also what adoption reads each node's file with. */
export function readHarborYmlText(text: string): { ok: true; doc: Record<string, unknown> } | { ok: false; error: string } {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_HARBOR_YML_BYTES) {
    return { ok: false, error: `The file is ${Math.ceil(bytes / 1024)} KiB; a harbor.yml may be at most ${MAX_HARBOR_YML_BYTES / 1024} KiB.` };
  }
  if (text.trim() === "") return { ok: false, error: "The file is empty." };
  if (looksLikeHarborCfg(text)) {
    return {
      ok: false,
      error:
        "This is a harbor.cfg (the key = value format of Harbor 1.7 and earlier). Convert it with the goharbor/harbor-migrator image (1.9 or 1.10, --cfg up) and upload the resulting harbor.yml.",
    };
  }
  const parsed = parseYamlSafely(text, HARBOR_YML_UPLOAD_OPTIONS);
  if (!parsed.ok) {
    const at = parsed.line ? ` at line ${parsed.line}, column ${parsed.col}` : "";
    if (parsed.kind === "syntax") return { ok: false, error: `Not valid YAML${at}: ${parsed.message}.` };
    return { ok: false, error: `The file was refused${at}: ${parsed.message}.` };
  }
  if (!isMap(parsed.document.contents)) return { ok: false, error: "A harbor.yml is a mapping of keys (hostname:, http:, …); this file holds something else." };
  return { ok: true, doc: parsed.value as Record<string, unknown> };
}

export function inspectHarborYml(text: string, version: string): InspectResult {
  if (!featuresFor(version)) return { ok: false, error: `Harbor ${version} is outside the range the console compares (1.10.0 and later).` };
  const read = readHarborYmlText(text);
  if (!read.ok) return read;
  return { ok: true, doc: read.doc, unknownKeys: unknownHarborYmlKeys(read.doc, version), warnings: trapWarnings(read.doc, version) };
}
