import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTION_MATRIX, ROUTE_MATRIX } from "../../support/action-matrix";

const root = path.resolve(__dirname, "../../..");
const actionsDir = path.join(root, "lib/actions");

/** Every export of every "use server" module, with its declaration up to the next export. */
function serverActions(): { key: string; body: string }[] {
  const out: { key: string; body: string }[] = [];
  for (const file of fs.readdirSync(actionsDir).filter((f) => f.endsWith(".ts"))) {
    const text = fs.readFileSync(path.join(actionsDir, file), "utf8");
    if (!/^["']use server["'];/m.test(text)) continue;
    const starts = [...text.matchAll(/^export (?:async function|function|const|let|var|class|default|\{)\s*(\w*)/gm)];
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

  it.each(actions.map((a) => [a.key, a.body] as const))("%s is written with action() and demands the role its row says", (key, body) => {
    // lib/actions/define.ts checks the role from the session before it parses the input (test/unit/actions/define.test.ts)
    const declared = body.match(/^export const (\w+) = action\(\s*"(\w+)",\s*"([\w-]+)",/);
    expect(declared, `${key} must be declared as \`export const ${key.split("#")[1]} = action("name", "role", schema, body)\``).not.toBeNull();
    const [, exported, name, role] = declared!;
    expect(`${exported}`).toBe(`${name}Action`);
    // One fixed role per action: never chosen from the raw input.
    expect(role).toBe(ACTION_MATRIX[key].role);
  });

  it("has a row for every route handler", () => {
    expect(Object.keys(ROUTE_MATRIX).sort()).toEqual(routeFiles().sort());
  });
});
