import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");

// Migrations are written by hand here (several branches add tables at once); the database they build must be
// exactly what schema.prisma describes, or the generated client and the real tables disagree at run time.
describe("prisma migrations", () => {
  it("build the database schema.prisma describes, with nothing missing or extra", { timeout: 120_000 }, async () => {
    const prisma = path.join(root, "node_modules/.bin/prisma");
    const result = await run(prisma, ["migrate", "diff", "--from-config-datasource", "--to-schema", "prisma/schema.prisma", "--script"], {
      cwd: root,
      env: { ...process.env },
    });
    const statements = result.stdout
      .split("\n")
      .filter((line) => line.trim() && !line.startsWith("--"))
      .join("\n");
    expect(statements).toBe("");
  });
});
