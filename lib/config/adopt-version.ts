/**
 * The Harbor version adopted files describe. harbor.yml's `_version` names the line only ("2.11.0" for every 2.11.x):
 * the patch comes from what the collector saw, when that is on the same line, else the line's newest patch (said in
 * a warning, since the files cannot tell). Pure.
 */
import type { AdoptError } from "./adopt-types";
import { featuresFor } from "./features";
import { formatRelease, latestPatchOf, releaseLine } from "../releases";

type Read = { file: string; doc: Record<string, unknown> };

export function adoptedVersion(
  read: readonly Read[],
  hint: string | null,
): { ok: true; version: string; warnings: string[] } | { ok: false; errors: AdoptError[] } {
  const errors: AdoptError[] = [];
  const lines: Array<{ file: string; line: string; raw: string }> = [];
  for (const r of read) {
    const raw = r.doc._version;
    const line = raw === undefined || raw === null ? null : releaseLine(String(raw));
    if (!line) {
      errors.push({
        file: r.file,
        message:
          raw === undefined || raw === null
            ? "The file has no _version: every harbor.yml since Harbor 1.8 ends with one (e.g. _version: 2.11.0). Upload the file as it is on the host."
            : `_version ${String(raw)} is not a Harbor version.`,
      });
      continue;
    }
    if (!featuresFor(`${line}.0`)) {
      errors.push({
        file: r.file,
        message: `The file is for Harbor ${line} (_version ${String(raw)}); the console adopts Harbor 1.10 and later. Upgrade the instance first, or record its topology by hand.`,
      });
      continue;
    }
    lines.push({ file: r.file, line, raw: String(raw) });
  }
  if (errors.length) return { ok: false, errors };
  const other = lines.find((l) => l.line !== lines[0].line);
  if (other) {
    return {
      ok: false,
      errors: [
        {
          file: other.file,
          message: `${other.file} is for Harbor ${other.line} (_version ${other.raw}) and ${lines[0].file} for ${lines[0].line} (_version ${lines[0].raw}): the nodes of one instance run one version. Upload the files every node runs now.`,
        },
      ],
    };
  }
  const line = lines[0].line;
  if (hint && releaseLine(hint) === line && featuresFor(hint)) return { ok: true, version: hint, warnings: [] };
  const newest = formatRelease(latestPatchOf(line)!);
  const why = hint ? `the instance reports ${hint}, which is not on that line` : "the console has not seen the instance's version";
  return {
    ok: true,
    version: newest,
    warnings: [`harbor.yml names the line (${line}) but not the patch, and ${why}: the topology says ${newest}. Set the version that runs before you save.`],
  };
}
