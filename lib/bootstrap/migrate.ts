import { spawn } from "node:child_process";
import path from "node:path";

const root = path.resolve(__dirname, "../..");

/** Applies pending migrations from prisma/migrations (`prisma migrate deploy`) to the given database. */
export function migrateDeploy(databaseUrl: string, opts: { quiet?: boolean } = {}): Promise<void> {
  return runPrisma(["migrate", "deploy"], databaseUrl, opts);
}

export function runPrisma(args: string[], databaseUrl: string | undefined, opts: { quiet?: boolean } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    const child = spawn(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), ...args], {
      cwd: root,
      env: { ...process.env, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: opts.quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    child.stdout?.on("data", (d) => out.push(d));
    child.stderr?.on("data", (d) => out.push(d));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`prisma ${args.join(" ")} failed (exit ${code})\n${Buffer.concat(out).toString()}`)),
    );
  });
}
