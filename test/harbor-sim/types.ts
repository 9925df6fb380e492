/**
 * The Harbor simulator's public interface. The simulator (test/harbor-sim/server.ts and friends) implements
 * it; tests, the demo and benchmarks use it.
 */

export interface SimUser {
  username: string;
  password: string;
  /** system admin (default false) */
  sysadmin?: boolean;
}

/** A robot account. On 2.2+ names look like robot$<name> (system) or robot$<project>+<name> (project). */
export interface SimRobot {
  name: string;
  secret: string;
  /** project names (or "*") on which the robot holds notification-policy rights (read/list/create/update/delete) */
  webhookProjects?: string[];
  /** project names (or "*") the robot may list/read */
  readProjects?: string[];
  /** 2.2+: when the robot expires, unix seconds (default -1: never) */
  expiresAt?: number;
  /** 2.2+: holds the system "robot: list" permission, so GET /robots answers it (default false: 403) */
  canListRobots?: boolean;
  /** 2.2+: disabled (Harbor then refuses its logins; the simulator only reports the flag) */
  disabled?: boolean;
}

export interface SimProject {
  name: string;
  public?: boolean;
  repoCount?: number;
  /** role of each user on this project: "projectAdmin" | "maintainer" | "developer" | "guest" */
  members?: Record<string, "projectAdmin" | "maintainer" | "developer" | "guest">;
}

export interface SimWebhookPolicy {
  project: string;
  name: string;
  description?: string;
  enabled?: boolean;
  eventTypes: string[];
  targets: { type: "http" | "slack"; address: string; authHeader?: string; skipCertVerify?: boolean; payloadFormat?: "Default" | "CloudEvents" }[];
  /** its receiver is down: every synthetic delivery failed (default: the middle one of three failed) */
  receiverDown?: boolean;
}

export interface SimFaults {
  /** added to every response */
  latencyMs?: number;
  /** connection refused: the instance's port is closed */
  down?: boolean;
  /** accept the connection, never answer */
  hang?: boolean;
  /** answer every API call with this 5xx status (e.g. 500, 502, 503) */
  serverError?: number;
  /** answer 200 with a body that is not JSON */
  invalidJson?: boolean;
  /** announce a Content-Length, send half the body, close */
  truncated?: boolean;
  /** alternate between healthy and down every `periodMs` */
  flappingPeriodMs?: number;
  /** content faults (content-faults.ts): every JSON string carries a NUL character */
  nulInStrings?: boolean;
  /** /statistics counts at the ends of int64 (-9007199254740991, and 9223372036854775807 verbatim) */
  int64Counts?: boolean;
  /** /statistics counts below zero */
  negativeCounts?: boolean;
  /** /health answers this overall status word (Harbor says "healthy" or "unhealthy") */
  healthWord?: string;
  /** free-text values (systeminfo URLs and banner, /health component errors) padded to this many characters */
  hugeStrings?: number;
}

export interface SimInstanceSpec {
  /** unique key within the simulator, e.g. "prod-eu-1" */
  id: string;
  /** full version, e.g. "2.11.2", "1.10.19" */
  version: string;
  /** default: [{ username: "admin", password: "Harbor12345", sysadmin: true }] */
  users?: SimUser[];
  robots?: SimRobot[];
  /** default: [{ name: "library", public: true }] */
  projects?: SimProject[];
  policies?: SimWebhookPolicy[];
  /** installed optional components (affect /health) */
  components?: { trivy?: boolean; notary?: boolean; chartmuseum?: boolean; clair?: boolean };
  /** components reported unhealthy in /health, with an error text */
  unhealthy?: Record<string, string>;
  authMode?: "db_auth" | "ldap_auth" | "uaa_auth" | "http_auth" | "oidc_auth";
  externalUrl?: string;
  storageProvider?: string;
  readOnly?: boolean;
  /** serve HTTPS with a certificate signed by the simulator's CA (sim.caPem) */
  tls?: boolean;
  faults?: SimFaults;
  /** storage bytes reported by statistics (2.3+) */
  storageBytes?: number;
  /** a GC run is in progress (GET /system/gc lists it as running after one finished run) */
  gcRunning?: boolean;
  /** a replication execution is in progress (GET /replication/executions lists it, status InProgress) */
  replicationRunning?: boolean;
  /** a scan-all is under way (GET /scans/all/metrics, 1.10+: part of its scans still running); also set at runtime by setScanAll */
  scanAllRunning?: boolean;
  /** GET /systeminfo/volumes; default 500 GiB total, 320 GiB free */
  volumes?: { total: number; free: number };
  /** delay before answering a request whose Basic credentials are wrong (real Harbor: 1500 ms; default 0) */
  failedLoginDelayMs?: number;
}

export interface RecordedExchange {
  instanceId: string;
  version: string;
  method: string;
  /** path without query, as received, e.g. /api/v2.0/projects/library/webhook/policies */
  path: string;
  query: Record<string, string | string[]>;
  requestHeaders: Record<string, string>;
  requestBody: unknown;
  status: number;
  responseHeaders: Record<string, string>;
  /** parsed JSON when the response is JSON, the raw text otherwise */
  responseBody: unknown;
  /** set when a fault shaped the answer ("serverError", "invalidJson", "truncated", "content"): not a spec-conformant exchange */
  fault?: "serverError" | "invalidJson" | "truncated" | "content";
}

export interface SimInstance {
  spec: SimInstanceSpec;
  /** e.g. https://127.0.0.1:41234 (no trailing slash) */
  baseUrl: string;
  port: number;
}

export interface HarborSim {
  /** PEM of the CA that signed every TLS instance's certificate */
  caPem: string;
  instances: SimInstance[];
  get(id: string): SimInstance;
  /** replace an instance's faults at runtime ({} clears them) */
  setFaults(id: string, faults: SimFaults): void;
  /** every request/response pair, in order, when started with record: true */
  exchanges: RecordedExchange[];
  /** control API base URL (http://127.0.0.1:<port>/__sim), for other processes: see README in test/harbor-sim */
  controlUrl: string;
  /**
   * play an upgrade: switch to `version` (routes and shapes follow it), with core down for `migratingMs`, or for good
   * with `dirty` (a failed migration) until the next switch
   */
  switchVersion(id: string, version: string, opts?: { migratingMs?: number; dirty?: boolean }): void;
  /** a project created in Harbor after the start (owned by admin, no repositories unless given) */
  addProject?(id: string, project: SimProject): void;
  /** start (true) or end (false) a scan-all on an instance, as GET /scans/all/metrics then reports it */
  setScanAll(id: string, running: boolean): void;
  /** resolves once the instance's listening socket matches its faults (down/up after setFaults) */
  settled?(id: string): Promise<void>;
  stop(): Promise<void>;
}

export interface StartSimOptions {
  instances: SimInstanceSpec[];
  /** record every exchange for contract tests (default false) */
  record?: boolean;
  /** bind address, default 127.0.0.1 */
  host?: string;
  /** control API port (default: a free port) */
  controlPort?: number;
}
