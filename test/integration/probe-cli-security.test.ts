/**
 * Issue #14, the probe CLI. Finding 6: against a Harbor URL that answers with a redirect it used to crash with an
 * unhandled 'error' event (the abandoned response body); it must report the redirect and exit 1. Finding 5: it
 * applies the console's outbound policy (CONSOLE_OUTBOUND_ALLOW, --allow).
 */
import { spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
let server: http.Server;
let origin = "";

function probe(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/harbor/probe-cli.ts", ...args], {
      cwd: root,
      env: { ...process.env, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 40_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const status = req.url?.startsWith("/moved") ? 301 : 302;
    res.writeHead(status, { location: "https://harbor.example.com/api/version", "content-type": "text/html" });
    res.end(`<html><body>${"moved ".repeat(2000)}</body></html>`);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe("npm run probe against a redirecting URL", () => {
  it.each([
    ["302", ""],
    ["301", "/moved"],
  ])("HTTP %s → exit 1 with the redirect explained, no unhandled error", async (status, prefix) => {
    const r = await probe([`${origin}${prefix}`, "--json"], { CONSOLE_OUTBOUND_ALLOW: "127.0.0.0/8" });
    expect(r.stderr).not.toMatch(/Unhandled 'error' event|Request aborted|uncaught/i);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ ok: false, error: { kind: "invalid_response", status: Number(status) } });
    expect(report.error.message).toMatch(/redirect/);
  });
}, 90_000);

describe("npm run probe applies the console's outbound policy", () => {
  it("refuses loopback unless CONSOLE_OUTBOUND_ALLOW or --allow allows it; a bad entry is bad usage", async () => {
    const refused = await probe([origin], { CONSOLE_OUTBOUND_ALLOW: "" });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain("127.0.0.1 is a loopback address; the console does not connect to it unless an admin allows it");
    const allowed = await probe([origin, "--allow", "10.0.0.0/8", "--allow", "127.0.0.1"], { CONSOLE_OUTBOUND_ALLOW: "" });
    expect(allowed.stdout).toContain("redirect"); // reached the server, which answers with a redirect
    const bad = await probe([origin, "--allow", "0x7f000001"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"0x7f000001" is not an IP address or CIDR range');
  });
}, 90_000);
