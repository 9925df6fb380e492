import { describe, expect, it } from "vitest";
import { descriptorsNeeded, keepAliveFits, parseOpenFilesLimit } from "@/lib/fleet/collector/fd-limit";

const LIMITS = `Limit                     Soft Limit           Hard Limit           Units
Max processes             127563               127563               processes
Max open files            1024                 524288               files
Max locked memory         8388608              8388608              bytes`;

describe("file-descriptor limit check", () => {
  it("reads the soft open-files limit from /proc/<pid>/limits", () => {
    expect(parseOpenFilesLimit(LIMITS)).toBe(1024);
    expect(parseOpenFilesLimit(LIMITS.replace("1024    ", "unlimited"))).toBeNull();
    expect(parseOpenFilesLimit("nothing here")).toBeNull();
  });
  it("counts three kept sockets per instance only when connections are kept", () => {
    expect(descriptorsNeeded(1000, 64, true)).toBe(3000 + 256 + 256);
    expect(descriptorsNeeded(1000, 64, false)).toBe(256 + 256);
    // a 1,000-instance fleet does not fit the common 1024 default; 300 instances do
    expect(descriptorsNeeded(1000, 64, true) > 1024).toBe(true);
    expect(descriptorsNeeded(150, 64, true) <= 1024).toBe(true);
  });
  it("keeps connections between polls only when the limit holds the whole fleet's kept sockets", () => {
    expect(keepAliveFits(20_000, 1_000, 64)).toBe(true);
    expect(keepAliveFits(20_000, 10_000, 64)).toBe(false); // 30,512 needed
    expect(keepAliveFits(null, 10_000, 64)).toBe(true); // unlimited
  });
});
