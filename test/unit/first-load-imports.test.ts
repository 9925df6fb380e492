/**
 * What a page's browser code imports statically, i.e. what its first load carries (issue #19 item 4: ≤ 200 KiB of
 * compressed JavaScript per page, measured by `npm run bench:pages`). A guard against an import that quietly brings a
 * heavy module back into a first load: the bench measures bytes, this names the import.
 *
 * From a route file, it follows static imports (not `import type`, not `import()`) through server modules; from the
 * first "use client" module on, every module reached is part of the page's browser code. A "use server" module is a
 * reference in the browser, not its code, so the walk stops there.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const EXTENSIONS = [".ts", ".tsx", "/index.ts", "/index.tsx"];

function resolve(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(root, specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(from), specifier)
      : null;
  if (!base) return null;
  for (const ext of ["", ...EXTENSIONS]) {
    const file = base + ext;
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  }
  throw new Error(`${path.relative(root, from)}: cannot resolve ${specifier}`);
}

/** The module's directive ("use client", "use server") and the specifiers it imports or re-exports as values. */
function parse(file: string): { directive: string | null; imports: string[] } {
  const source = ts.createSourceFile(
    file,
    fs.readFileSync(file, "utf8"),
    ts.ScriptTarget.Latest,
    false,
    file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const first = source.statements[0];
  const directive = first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) ? first.expression.text : null;
  const imports: string[] = [];
  for (const s of source.statements) {
    if (ts.isImportDeclaration(s)) {
      const clause = s.importClause;
      if (clause?.isTypeOnly) continue;
      const named = clause?.namedBindings;
      const onlyTypes = clause && !clause.name && named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
      if (!onlyTypes) imports.push((s.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(s) && s.moduleSpecifier && !s.isTypeOnly) {
      imports.push((s.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return { directive, imports };
}

/** Every module (project files relative to the root, packages by name) in the browser code of the route file `entry`. */
function browserModules(entry: string): Set<string> {
  const found = new Set<string>();
  const seen = new Set<string>();
  const walk = (file: string, client: boolean) => {
    const key = `${client}:${file}`;
    if (seen.has(key)) return;
    seen.add(key);
    const { directive, imports } = parse(file);
    if (directive === "use server") return;
    const inClient = client || directive === "use client";
    if (inClient) found.add(path.relative(root, file));
    for (const specifier of imports) {
      const target = resolve(file, specifier);
      if (target) walk(target, inClient);
      else if (inClient) found.add(specifier);
    }
  };
  walk(path.join(root, entry), false);
  return found;
}

describe("the browser code of a page's first load", () => {
  it("topology: the form imports neither zod nor the topology schema (its checker loads after the load event)", () => {
    const modules = browserModules("app/(console)/instances/[instanceId]/topology/page.tsx");
    expect(modules).toContain("components/topology/topology-form.tsx");
    expect(modules).toContain("lib/schemas/topology-options.ts");
    expect(modules).not.toContain("lib/schemas/topology.ts");
    expect(modules).not.toContain("lib/config/validate.ts");
    expect(modules).not.toContain("zod");
    expect(modules).not.toContain("yaml");
  });

  it("fleet: Radix's tooltip (with floating-ui) is not part of it; the tooltip zone loads it after the load event", () => {
    const modules = browserModules("app/(console)/page.tsx");
    expect(modules).toContain("components/ui/tooltip.tsx");
    expect(modules).not.toContain("components/ui/tooltip-radix.tsx");
    expect(modules).not.toContain("@radix-ui/react-tooltip");
    expect(modules).not.toContain("recharts");
  });

  it("upgrades: the list imports no zod", () => {
    const modules = browserModules("app/(console)/upgrades/page.tsx");
    expect(modules).not.toContain("zod");
  });

  it("the walk sees what it guards: a page that does validate in the browser reaches zod", () => {
    expect(browserModules("app/(console)/instances/new/page.tsx")).toContain("zod");
  });
});
