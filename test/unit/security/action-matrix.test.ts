import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTION_MATRIX, ROUTE_MATRIX } from "../../support/action-matrix";

const root = path.resolve(__dirname, "../../..");
const actionsDir = path.join(root, "lib/actions");

/** Every exported function of every "use server" module, with its body. */
function serverActions(): { key: string; body: string }[] {
  const out: { key: string; body: string }[] = [];
  for (const file of fs.readdirSync(actionsDir).filter((f) => f.endsWith(".ts"))) {
    const text = fs.readFileSync(path.join(actionsDir, file), "utf8");
    if (!/^["']use server["'];/m.test(text)) continue;
    const starts = [...text.matchAll(/^export (?:async )?function (\w+)/gm)];
    starts.forEach((m, i) => out.push({ key: `${file}#${m[1]}`, body: text.slice(m.index, starts[i + 1]?.index ?? text.length) }));
  }
  return out;
}

function routeFiles(dir = path.join(root, "app"), rel = ""): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const r = rel ? `${rel}/${d.name}` : d.name;
    if (d.isDirectory()) return routeFiles(path.join(dir, d.name), r);
    return d.name === "route.ts" ? [r] : [];
  });
}

describe("the authorization matrix", () => {
  const actions = serverActions();

  it("has a row for every server action, and none for an action that is gone", () => {
    expect(actions.length).toBeGreaterThan(10);
    expect(Object.keys(ACTION_MATRIX).sort()).toEqual(actions.map((a) => a.key).sort());
  });

  it.each(actions.map((a) => [a.key, a.body] as const))("%s demands the role its row says, before it reads its input", (key, body) => {
    const row = ACTION_MATRIX[key];
    if (row.role === "signed-in") {
      expect(body).toMatch(/await getUser\(\)/);
      return;
    }
    const calls = [...body.matchAll(/requireRole\("(\w+)"\)/g)].map((m) => m[1]);
    // One fixed role per action: never chosen from the raw input.
    expect(calls).toEqual([row.role]);
    const parse = body.search(/\.safeParse\(|\.parse\(/);
    if (parse >= 0) expect(body.indexOf("requireRole(")).toBeLessThan(parse);
  });

  it("has a row for every route handler", () => {
    expect(Object.keys(ROUTE_MATRIX).sort()).toEqual(routeFiles().sort());
  });
});
