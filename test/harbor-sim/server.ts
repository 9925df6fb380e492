/**
 * One listening socket per simulated instance (HTTP, or HTTPS with the simulator's shared certificate) and
 * the faults of SimFaults. "down" closes the listening socket and every open connection (connection
 * refused) and reopens on the same port when cleared; flapping toggles the same switch on a timer.
 */
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import https from "node:https";
import { applyContentFaults } from "./content-faults";
import { parseBody, respond, type RequestEnv } from "./pipeline";
import type { SimResponse } from "./http";
import type { InstanceState } from "./state";
import type { SimTls } from "./tls";
import type { RecordedExchange, SimFaults } from "./types";
import { CORE_DOWN_PAGE, switchVersion, type CoreOutage, type SwitchVersionOptions } from "./upgrade";

/** What invalidJson answers: a proxy splash page where JSON was expected. */
const NOT_JSON = "<html><head><title>Harbor</title></head><body>Service is starting, please retry.</body></html>";
const MAX_BODY = 1 << 20;

export interface ServerEnv {
  host: string;
  tls: SimTls;
  /** where to push exchanges; null when not recording */
  record: RecordedExchange[] | null;
}

const NGINX_KEEPALIVE_MS = 75_000;

export class InstanceServer {
  readonly server: http.Server | https.Server;
  port = 0;
  faults: SimFaults = {};
  /** core down after a version switch (migrating, or a dirty migration) */
  coreOutage: CoreOutage | null = null;
  private listening = false;
  private flapDown = false;
  private flapTimer: NodeJS.Timeout | null = null;
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    readonly st: InstanceState,
    private readonly env: ServerEnv,
  ) {
    // A client that aborts mid-body rejects the body read: drop that connection, keep serving.
    const handler = (req: IncomingMessage, res: ServerResponse) => {
      // Like nginx: "Connection: keep-alive" without a "Keep-Alive: timeout=…" hint (Node adds one unless the
      // Connection header is set), so clients fall back to their own idle limit as they do in front of Harbor.
      if (req.httpVersion === "1.1" && !/\bclose\b/i.test(req.headers.connection ?? "")) res.setHeader("Connection", "keep-alive");
      void this.onRequest(req, res).catch(() => res.destroy());
    };
    this.server = st.spec.tls ? https.createServer({ key: env.tls.keyPem, cert: env.tls.certPem }, handler) : http.createServer(handler);
    // Harbor's nginx (make/photon/prepare/templates/nginx) sets no keepalive_timeout: nginx's default keeps an idle
    // client connection for 75 s (Node's default would be 5 s).
    this.server.keepAliveTimeout = NGINX_KEEPALIVE_MS;
  }

  get baseUrl(): string {
    const host = this.env.host === "0.0.0.0" || this.env.host === "::" ? "127.0.0.1" : this.env.host.includes(":") ? `[${this.env.host}]` : this.env.host;
    return `${this.st.spec.tls ? "https" : "http"}://${host}:${this.port}`;
  }

  async start(): Promise<void> {
    await this.listen(0);
    this.listening = true;
    const addr = this.server.address();
    if (addr && typeof addr === "object") this.port = addr.port;
    await this.setFaults(this.st.spec.faults ?? {});
  }

  /** Replaces the faults; resolves once the socket state matches them. */
  setFaults(faults: SimFaults): Promise<void> {
    this.faults = { ...faults };
    if (this.flapTimer) clearInterval(this.flapTimer);
    this.flapTimer = null;
    this.flapDown = false;
    const period = faults.flappingPeriodMs;
    if (period && period > 0) {
      this.flapTimer = setInterval(() => {
        this.flapDown = !this.flapDown;
        void this.sync();
      }, period);
      this.flapTimer.unref();
    }
    return this.sync();
  }

  settled(): Promise<void> {
    return this.queue;
  }

  /** Plays an upgrade to `version` (see upgrade.ts); a later switch ends a dirty outage. */
  switchVersion(version: string, opts: SwitchVersionOptions = {}): void {
    this.coreOutage = switchVersion(this.st, version, opts);
  }

  /** "migrating" (core down for a while), "dirty" (down until the next switch), or "up". */
  get coreState(): "up" | "migrating" | "dirty" {
    if (!this.coreOutage) return "up";
    if (this.coreOutage.dirty) return "dirty";
    return Date.now() < this.coreOutage.until ? "migrating" : "up";
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.flapTimer) clearInterval(this.flapTimer);
    await this.sync();
    this.server.closeAllConnections();
  }

  private sync(): Promise<void> {
    this.queue = this.queue.then(() => this.apply());
    return this.queue;
  }

  private async apply(): Promise<void> {
    const wantUp = !this.stopped && !this.faults.down && !this.flapDown;
    if (wantUp && !this.listening) {
      try {
        await this.listen(this.port);
        this.listening = true;
      } catch (e) {
        console.warn(`harbor-sim ${this.st.spec.id}: cannot reopen port ${this.port}: ${(e as Error).message}`);
      }
    } else if (!wantUp && this.listening) {
      // close() drops the listening handle synchronously: new connections are refused from here on.
      this.server.close();
      this.server.closeAllConnections();
      this.listening = false;
    }
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (e: Error) => {
        this.server.off("listening", onListening);
        reject(e);
      };
      const onListening = () => {
        this.server.off("error", onError);
        resolve();
      };
      this.server.once("error", onError);
      this.server.once("listening", onListening);
      this.server.listen(port, this.env.host);
    });
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) {
        res.writeHead(413).end();
        return;
      }
      chunks.push(chunk as Buffer);
    }
    const faults = this.faults;
    if (faults.hang) return; // accepted, never answered; stop() or "down" destroys the socket
    if (faults.latencyMs) await new Promise((r) => setTimeout(r, faults.latencyMs));
    const body = parseBody(Buffer.concat(chunks));
    let answer: SimResponse & { fault?: RecordedExchange["fault"] };
    if (this.coreState !== "up") {
      // nginx in front of a core that is down (migrating, or dead on a dirty database)
      answer = { status: 502, headers: { "content-type": "text/html" }, body: CORE_DOWN_PAGE, fault: "serverError" };
      const payload = Buffer.from(answer.body ?? "");
      res.writeHead(502, { "content-type": "text/html", "content-length": String(payload.length) }).end(payload);
      this.env.record?.push(this.exchange(req, body.value, 502, { "content-type": "text/html" }, payload, "serverError"));
      return;
    }
    try {
      const env: RequestEnv = { st: this.st, baseUrl: this.baseUrl, caPem: this.st.spec.tls ? this.env.tls.caPem : null };
      answer = await respond(env, req, body, faults);
    } catch (e) {
      console.error(`harbor-sim ${this.st.spec.id}: handler failed`, e);
      answer = { status: 500, headers: { "content-type": "text/plain" }, body: "simulator error" };
    }
    const hostile = answer.fault ? null : applyContentFaults(answer, faults, new URL(req.url ?? "/", "http://sim.invalid").pathname);
    if (hostile) answer = { ...hostile, fault: "content" };
    if (!answer.fault && faults.invalidJson) {
      answer = { status: 200, headers: { ...answer.headers, "content-type": "application/json" }, body: NOT_JSON, fault: "invalidJson" };
    }
    const payload = answer.json !== undefined ? Buffer.from(JSON.stringify(answer.json)) : Buffer.from(answer.body ?? "");
    const headers: Record<string, string> = { ...answer.headers };
    // go-swagger (2.3+) writes bare application/json; beego adds the charset.
    if (answer.json !== undefined) headers["content-type"] ??= this.st.profile.swagger ? "application/json" : "application/json; charset=utf-8";
    let sent = payload;
    if (!answer.fault && faults.truncated) {
      answer = { ...answer, fault: "truncated" };
      sent = payload.subarray(0, Math.floor(payload.length / 2));
      headers["content-length"] = String(Math.max(payload.length, 64));
      res.writeHead(answer.status, headers);
      if (sent.length) res.write(sent, () => res.socket?.destroy());
      else {
        res.flushHeaders();
        setImmediate(() => res.socket?.destroy());
      }
    } else {
      headers["content-length"] = String(payload.length);
      res.writeHead(answer.status, headers).end(payload);
    }
    this.env.record?.push(this.exchange(req, body.value, answer.status, headers, sent, answer.fault));
  }

  private exchange(
    req: IncomingMessage,
    requestBody: unknown,
    status: number,
    headers: Record<string, string>,
    sent: Buffer,
    fault: RecordedExchange["fault"],
  ): RecordedExchange {
    const url = new URL(req.url ?? "/", "http://sim.invalid");
    const query: Record<string, string | string[]> = {};
    for (const key of new Set(url.searchParams.keys())) {
      const all = url.searchParams.getAll(key);
      query[key] = all.length === 1 ? all[0] : all;
    }
    const requestHeaders = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
    const raw = sent.toString("utf8");
    let responseBody: unknown = raw.length ? raw : undefined;
    if (raw.length && /json/i.test(headers["content-type"] ?? "")) {
      try {
        responseBody = JSON.parse(raw);
      } catch {
        responseBody = raw;
      }
    }
    const out: RecordedExchange = {
      instanceId: this.st.spec.id,
      version: this.st.spec.version,
      method: (req.method ?? "GET").toUpperCase(),
      path: url.pathname,
      query,
      requestHeaders,
      requestBody,
      status,
      responseHeaders: headers,
      responseBody,
    };
    if (fault) out.fault = fault;
    return out;
  }
}
