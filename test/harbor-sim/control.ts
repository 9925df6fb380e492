/**
 * Control API for other processes (the console under test, e2e tests), on its own port:
 *   GET /__sim/instances                 → [{id, version, baseUrl, tls, faults}]
 *   GET /__sim/instances/:id/faults      → SimFaults
 *   PUT /__sim/instances/:id/faults      (JSON SimFaults; {} clears) → {id, faults}, once applied
 *   PUT /__sim/instances/:id/version     (JSON {version, migratingMs?, dirty?}) → {id, version, core}: plays an upgrade
 *   PUT /__sim/instances/:id/scan-all    (JSON {running}) → {id, scanAllRunning}: starts or ends a scan-all
 *   GET /__sim/ca                        → the CA PEM
 */
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import * as z from "zod";
import type { InstanceServer } from "./server";
import type { SimFaults } from "./types";

export const ZSimFaults = z
  .object({
    latencyMs: z.number().int().min(0).max(600_000).optional(),
    down: z.boolean().optional(),
    hang: z.boolean().optional(),
    serverError: z.number().int().min(500).max(599).optional(),
    invalidJson: z.boolean().optional(),
    truncated: z.boolean().optional(),
    flappingPeriodMs: z.number().int().min(10).optional(),
    nulInStrings: z.boolean().optional(),
    int64Counts: z.boolean().optional(),
    negativeCounts: z.boolean().optional(),
    healthWord: z.string().max(1_000).optional(),
    hugeStrings: z.number().int().min(1).max(2_000_000).optional(),
  })
  .strict();

const ZSwitchVersion = z
  .object({ version: z.string().regex(/^\d+\.\d+\.\d+$/), migratingMs: z.number().int().min(0).max(3_600_000).optional(), dirty: z.boolean().optional() })
  .strict();

const ZScanAll = z.object({ running: z.boolean() }).strict();

export interface ControlTarget {
  caPem: string;
  servers: Map<string, InstanceServer>;
}

function send(res: ServerResponse, status: number, body: unknown, contentType = "application/json"): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(text) }).end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  return raw ? JSON.parse(raw) : {};
}

async function handle(target: ControlTarget, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? "/", "http://control.invalid").pathname.replace(/\/+$/, "");
  if (req.method === "GET" && path === "/__sim/instances") {
    const list = [...target.servers.values()].map((s) => ({
      id: s.st.spec.id,
      version: s.st.spec.version,
      baseUrl: s.baseUrl,
      tls: Boolean(s.st.spec.tls),
      faults: s.faults,
      core: s.coreState,
    }));
    return send(res, 200, list);
  }
  if (req.method === "GET" && path === "/__sim/ca") return send(res, 200, target.caPem, "application/x-pem-file");
  const v = /^\/__sim\/instances\/([^/]+)\/version$/.exec(path);
  if (v) {
    const server = target.servers.get(decodeURIComponent(v[1]));
    if (!server) return send(res, 404, { error: `no instance "${decodeURIComponent(v[1])}"` });
    if (req.method !== "PUT") return send(res, 405, { error: "use PUT" });
    let body: unknown;
    try {
      body = await readJson(req);
    } catch {
      return send(res, 400, { error: "body is not JSON" });
    }
    const parsed = ZSwitchVersion.safeParse(body);
    if (!parsed.success) return send(res, 400, { error: parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ") });
    try {
      server.switchVersion(parsed.data.version, parsed.data);
    } catch (e) {
      return send(res, 400, { error: (e as Error).message });
    }
    return send(res, 200, { id: server.st.spec.id, version: server.st.spec.version, core: server.coreState });
  }
  const sa = /^\/__sim\/instances\/([^/]+)\/scan-all$/.exec(path);
  if (sa) {
    const server = target.servers.get(decodeURIComponent(sa[1]));
    if (!server) return send(res, 404, { error: `no instance "${decodeURIComponent(sa[1])}"` });
    if (req.method !== "PUT") return send(res, 405, { error: "use PUT" });
    let body: unknown;
    try {
      body = await readJson(req);
    } catch {
      return send(res, 400, { error: "body is not JSON" });
    }
    const parsed = ZScanAll.safeParse(body);
    if (!parsed.success) return send(res, 400, { error: parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ") });
    server.st.spec = { ...server.st.spec, scanAllRunning: parsed.data.running };
    return send(res, 200, { id: server.st.spec.id, scanAllRunning: parsed.data.running });
  }
  const m = /^\/__sim\/instances\/([^/]+)\/faults$/.exec(path);
  if (m) {
    const server = target.servers.get(decodeURIComponent(m[1]));
    if (!server) return send(res, 404, { error: `no instance "${decodeURIComponent(m[1])}"` });
    if (req.method === "GET") return send(res, 200, server.faults);
    if (req.method === "PUT") {
      let body: unknown;
      try {
        body = await readJson(req);
      } catch {
        return send(res, 400, { error: "body is not JSON" });
      }
      const parsed = ZSimFaults.safeParse(body);
      if (!parsed.success) return send(res, 400, { error: parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ") });
      const faults: SimFaults = parsed.data;
      await server.setFaults(faults);
      return send(res, 200, { id: server.st.spec.id, faults: server.faults });
    }
    return send(res, 405, { error: "use GET or PUT" });
  }
  return send(res, 404, { error: "not found" });
}

export async function startControl(target: ControlTarget, host: string, port: number): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    handle(target, req, res).catch((e: unknown) => send(res, 500, { error: (e as Error).message }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return server;
}
