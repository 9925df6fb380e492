/**
 * Reads `helm get values <release>` output (its "USER-SUPPLIED VALUES:" line included) or a values.yaml, bounded
 * like every parser of user input. Pure.
 */
import { isMap } from "yaml";
import { parseYamlSafely } from "./safe-yaml";

export const MAX_HELM_VALUES_BYTES = 256 * 1024;

export function readHelmValuesText(text: string): { ok: true; doc: Record<string, unknown> } | { ok: false; error: string } {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_HELM_VALUES_BYTES)
    return { ok: false, error: `The file is ${Math.ceil(bytes / 1024)} KiB; Helm values may be at most ${MAX_HELM_VALUES_BYTES / 1024} KiB.` };
  const body = text.replace(/^\uFEFF?\s*USER-SUPPLIED VALUES:\s*\r?\n/, "");
  if (body.trim() === "" || body.trim() === "null")
    return {
      ok: false,
      error:
        "The release has no user-supplied values: the chart's defaults are not a topology. Upload `helm get values <release> -o yaml` of a configured release.",
    };
  const parsed = parseYamlSafely(body, { maxBytes: MAX_HELM_VALUES_BYTES });
  if (!parsed.ok) {
    const at = parsed.line ? ` at line ${parsed.line}, column ${parsed.col}` : "";
    return { ok: false, error: parsed.kind === "syntax" ? `Not valid YAML${at}: ${parsed.message}.` : `The file was refused${at}: ${parsed.message}.` };
  }
  if (!isMap(parsed.document.contents))
    return { ok: false, error: "Helm values are a mapping of keys (expose:, externalURL:, …); this file holds something else." };
  return { ok: true, doc: parsed.value as Record<string, unknown> };
}
