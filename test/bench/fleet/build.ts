/**
 * The production build the benchmark measures: `next build` when there is none or it is older than the sources
 * (BENCH_REBUILD=1 forces one, BENCH_NO_BUILD=1 takes .next as it is).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { root, say } from "./config";

function newestSource(): { file: string; mtime: number } {
  let best = { file: "", mtime: 0 };
  const visit = (p: string) => {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const e of fs.readdirSync(p)) if (e !== "node_modules" && !e.startsWith(".")) visit(path.join(p, e));
    } else if (/\.(tsx?|mjs|css|json)$/.test(p) && st.mtimeMs > best.mtime) best = { file: path.relative(root, p), mtime: st.mtimeMs };
  };
  for (const p of ["app", "lib", "components", "instrumentation.ts", "proxy.ts", "next.config.mjs", "prisma/schema.prisma"]) visit(path.join(root, p));
  return best;
}

export function ensureBuild() {
  const buildId = path.join(root, ".next/BUILD_ID");
  let reason: string | null = null;
  if (process.env.BENCH_REBUILD === "1") reason = "BENCH_REBUILD=1";
  else if (!fs.existsSync(buildId)) reason = "no production build (.next/BUILD_ID missing)";
  else if (process.env.BENCH_NO_BUILD !== "1") {
    const newest = newestSource();
    if (newest.mtime > fs.statSync(buildId).mtimeMs) reason = `the build is older than ${newest.file}`;
  }
  if (!reason) {
    say(`using the production build in .next (${fs.readFileSync(buildId, "utf8").trim()})`);
    return;
  }
  say(`running \`next build\`: ${reason} (set BENCH_NO_BUILD=1 to skip)`);
  const r = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`next build failed (${r.status}):\n${(r.stdout + r.stderr).slice(-4000)}`);
  say("build done");
}
