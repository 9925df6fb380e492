import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const tracked = execFileSync("git", ["ls-files", "lib", "components", "app", "test", "README.md", "SECURITY.md"], { cwd: root, encoding: "utf8" })
  .split("\n")
  .filter((f) => /\.(ts|tsx|mts|mjs|md)$/.test(f) && f !== "test/unit/docs-citations.test.ts");
const read = (f: string) => fs.readFileSync(path.join(root, f), "utf8");

/** "## 2.1 Title" / "### §2.1" → "2.1" */
function sectionsOf(doc: string): Set<string> {
  return new Set([...doc.matchAll(/^#{1,4}\s+§?\s*(\d+(?:\.\d+)*)\b/gm)].map((m) => m[1]));
}

describe("the Harbor facts the code cites live in docs/harbor", () => {
  it("no file cites the notes outside the repository", () => {
    const outside = tracked.filter((f) => /shared\/harbor\/(api|config|helm|upgrade)\.md/.test(read(f)));
    expect(outside).toEqual([]);
  });

  it("every cited section exists in its doc", () => {
    const docs = new Map(["api", "config", "helm", "upgrade"].map((d) => [d, sectionsOf(read(`docs/harbor/${d}.md`))]));
    const missing: string[] = [];
    for (const f of tracked) {
      for (const m of read(f).matchAll(/docs\/harbor\/(api|config|helm|upgrade)\.md`?\s*§\s*(\d+(?:\.\d+)*)/g)) {
        if (!docs.get(m[1])!.has(m[2])) missing.push(`${f}: ${m[1]}.md §${m[2]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
