import { unzipSync, strFromU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { generateBundle } from "@/lib/config/bundle";
import { zipBundle } from "@/lib/config/zip";
import { threeNodes } from "./compose-fixtures";
import { FIXED_SECRETS } from "./helm-fixtures";

function bundle() {
  const r = generateBundle(threeNodes("2.15.2"), { secrets: FIXED_SECRETS, mask: false, instanceName: "prod" });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.files;
}

/** Unix mode of each entry, from the central directory (external attributes, high 16 bits). */
function modes(zip: Uint8Array): Map<string, number> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const out = new Map<string, number>();
  for (let i = 0; i + 46 <= zip.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const nameLen = view.getUint16(i + 28, true);
    const attrs = view.getUint32(i + 38, true);
    out.set(strFromU8(zip.subarray(i + 46, i + 46 + nameLen)), (attrs >>> 16) & 0o777);
  }
  return out;
}

describe("zipBundle", () => {
  it("holds every file under the root folder with its exact content", () => {
    const files = bundle();
    const entries = unzipSync(zipBundle(files, "harbor-prod"));
    expect(Object.keys(entries)).toEqual(files.map((f) => `harbor-prod/${f.path}`));
    for (const f of files) expect(strFromU8(entries[`harbor-prod/${f.path}`])).toBe(f.content);
  });

  it("is byte-identical for the same bundle", () => {
    expect(zipBundle(bundle(), "x")).toEqual(zipBundle(bundle(), "x"));
  });

  it("gives secret files mode 0600 and the others 0644", () => {
    const m = modes(zipBundle(bundle(), "x"));
    expect(m.get("x/secret/keys/secretkey")).toBe(0o600);
    expect(m.get("x/nodes/harbor-1/harbor.yml")).toBe(0o644);
  });
});
