import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { nextNodeOptions } from "@/lib/bootstrap/heap";

const cap = (o: string | undefined) => o?.match(/--max-old-space-size=(\d+)/)?.[1] ?? null;

describe("nextNodeOptions: the heap the launcher gives Next.js", () => {
  it("dev is not capped by default (256 MB ran out within two minutes of clicking), so Next's dev server sizes itself", () => {
    expect(nextNodeOptions({ command: "dev" })).toBeUndefined();
    expect(nextNodeOptions({ command: "dev", nodeOptions: "", maxHeapMb: "" })).toBeUndefined();
    expect(nextNodeOptions({ command: "dev", nodeOptions: " --enable-source-maps " })).toBe("--enable-source-maps");
  });

  it("start keeps its production cap of 256 MB, after the operator's own options", () => {
    expect(nextNodeOptions({ command: "start" })).toBe("--max-old-space-size=256 --max-semi-space-size=16");
    expect(nextNodeOptions({ command: "start", nodeOptions: "--enable-source-maps" })).toBe(
      "--enable-source-maps --max-old-space-size=256 --max-semi-space-size=16",
    );
  });

  it("start bounds the young generation (V8's own size cost 66 MB of RSS and 4× slower pages in the fleet benchmark); dev does not", () => {
    expect(nextNodeOptions({ command: "start", maxHeapMb: "1024" })).toBe("--max-old-space-size=1024 --max-semi-space-size=16");
    expect(nextNodeOptions({ command: "dev", maxHeapMb: "1024" })).toBe("--max-old-space-size=1024");
    expect(nextNodeOptions({ command: "start", nodeOptions: "--max-semi-space-size=64" })).toBe("--max-semi-space-size=64 --max-old-space-size=256");
    expect(nextNodeOptions({ command: "start", nodeOptions: "--max_semi_space_size=4 --max-old-space-size=900" })).toBe(
      "--max_semi_space_size=4 --max-old-space-size=900",
    );
  });

  it("CONSOLE_MAX_HEAP_MB sets the cap for either command", () => {
    expect(cap(nextNodeOptions({ command: "start", maxHeapMb: "512" }))).toBe("512");
    expect(cap(nextNodeOptions({ command: "dev", maxHeapMb: " 2048 " }))).toBe("2048");
  });

  it("a --max-old-space-size already in NODE_OPTIONS wins, in either spelling", () => {
    expect(nextNodeOptions({ command: "start", nodeOptions: "--max-old-space-size=1024", maxHeapMb: "300" })).toBe(
      "--max-old-space-size=1024 --max-semi-space-size=16",
    );
    expect(nextNodeOptions({ command: "dev", nodeOptions: "--max_old_space_size=3000" })).toBe("--max_old_space_size=3000");
  });

  it("refuses a CONSOLE_MAX_HEAP_MB that is not a sensible number of megabytes, naming the variable", () => {
    for (const bad of ["abc", "256m", "-1", "0", "12", "1.5"]) {
      expect(() => nextNodeOptions({ command: "start", maxHeapMb: bad }), bad).toThrow(/CONSOLE_MAX_HEAP_MB must be a whole number of megabytes, at least 64/);
    }
  });

  it("is what the launcher uses: cli.ts holds no heap flag of its own", () => {
    const cli = fs.readFileSync(path.resolve(import.meta.dirname, "../../../lib/bootstrap/cli.ts"), "utf8");
    expect(cli).toMatch(/NODE_OPTIONS: nextNodeOptions\(/);
    expect(cli).not.toMatch(/max-old-space-size=|max-semi-space-size=/);
  });
});
