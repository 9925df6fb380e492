/**
 * Issue #17 item 3: the console runs on a maintained Node LTS that it installs itself (the `node` package, pinned in
 * package.json), whatever Node ran npm. npm puts node_modules/.bin first on PATH, so every script — and this test —
 * runs on it; every installed package must accept it.
 */
import fs from "node:fs";
import path from "node:path";
import semver from "semver";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const pinned: string = pkg.dependencies?.node;

/** End of life of each LTS line (https://github.com/nodejs/Release). */
const LTS_END_OF_LIFE: Record<number, string> = { 20: "2026-04-30", 22: "2027-04-30", 24: "2028-04-30", 26: "2029-04-30" };

/** Every installed package (nested node_modules included) whose `engines.node` is a string. */
function installedEngines(): { id: string; dir: string; range: string }[] {
  const found: { id: string; dir: string; range: string }[] = [];
  const visitPackage = (dir: string) => {
    let json: { name?: string; version?: string; engines?: unknown };
    try {
      json = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    } catch {
      return;
    }
    const engines = json.engines as { node?: unknown } | undefined;
    if (engines && typeof engines === "object" && typeof engines.node === "string") {
      found.push({ id: `${json.name}@${json.version}`, dir: path.relative(ROOT, dir), range: engines.node });
    }
    visitFolder(path.join(dir, "node_modules"));
  };
  const visitFolder = (folder: string) => {
    if (!fs.existsSync(folder)) return;
    for (const name of fs.readdirSync(folder)) {
      if (name.startsWith(".")) continue;
      if (name.startsWith("@")) for (const sub of fs.readdirSync(path.join(folder, name))) visitPackage(path.join(folder, name, sub));
      else visitPackage(path.join(folder, name));
    }
  };
  visitFolder(path.join(ROOT, "node_modules"));
  return found;
}

describe("the Node the console runs on", () => {
  it("is pinned exactly, as a dependency, on a maintained LTS line", () => {
    expect(pinned, "package.json dependencies.node").toMatch(/^\d+\.\d+\.\d+$/);
    const endOfLife = LTS_END_OF_LIFE[semver.major(pinned)];
    expect(endOfLife, `Node ${semver.major(pinned)} is not an LTS line`).toBeDefined();
    expect(new Date() < new Date(`${endOfLife}T00:00:00Z`), `Node ${semver.major(pinned)} reaches end of life on ${endOfLife}`).toBe(true);
  });

  it("is what engines.node declares", () => {
    expect(pkg.engines.node).toBe(`^${pinned}`);
  });

  it("is the Node that runs the scripts: the one npm installed into node_modules/.bin", () => {
    expect(process.versions.node).toBe(pinned);
    expect(fs.realpathSync(process.execPath)).toBe(fs.realpathSync(path.join(ROOT, "node_modules/.bin/node")));
  });

  it("is accepted by engines.node of every installed package", () => {
    const packages = installedEngines();
    expect(packages.length).toBeGreaterThan(100);
    const refusing = packages
      .filter((p) => !semver.validRange(p.range) || !semver.satisfies(pinned, p.range))
      .map((p) => `${p.id} (${p.dir}): node ${p.range}`);
    expect(refusing).toEqual([]);
  });
});
