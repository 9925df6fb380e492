/**
 * The bundle as a zip: one folder `rootDir/` holding every file at its bundle path. Deterministic (fixed mtime,
 * input order), so the same bundle always gives the same bytes. Unix modes: 0600 for secret files, 0644 otherwise.
 */
import { strToU8, zipSync, type Zippable } from "fflate";
import type { ConfigFile } from "./types";

/** DOS timestamps are local time; building the date from local parts keeps the bytes the same in every time zone. */
const FIXED_MTIME = new Date(2000, 0, 1, 0, 0, 0);
const UNIX = 3;
const REGULAR_FILE = 0o100000;
const mode = (perm: number) => ((REGULAR_FILE | perm) << 16) >>> 0;

export function zipBundle(files: readonly ConfigFile[], rootDir: string): Uint8Array {
  const root = rootDir.replace(/\/+$/, "");
  const entries: Zippable = {};
  for (const f of files) {
    entries[`${root}/${f.path}`] = [strToU8(f.content), { mtime: FIXED_MTIME, os: UNIX, attrs: mode(f.secret ? 0o600 : 0o644), level: 6 }];
  }
  return zipSync(entries);
}
