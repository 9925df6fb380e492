/**
 * The Harbor client's integration tests (test/integration/harbor-client.test.ts and its suites in harbor-client/): one
 * simulator with a main instance of each version (users, a robot with webhook rights, a few projects) and three with
 * many projects, clients that are closed after the file, and helpers that record what a call sent.
 */
import { afterAll, beforeAll, expect } from "vitest";
import {
  createHarborClient,
  type CreateHarborClientOptions,
  type HarborClient,
  type HarborCredentials,
  type HarborResult,
  type WebhookPolicyInput,
} from "@/lib/harbor";
import type { ApiGeneration } from "@/lib/harbor/facts";
import { startHarborSim, type HarborSim, type RecordedExchange, type SimInstanceSpec } from "@/test/harbor-sim";
import { exchangesOf } from "./harbor-exchanges";

export const ADMIN = { username: "admin", password: "Harbor12345" };
export const DEV = { username: "dev", password: "dev-Passw0rd" }; // maintainer of "team": may read webhooks, not write
export const OUT = { username: "out", password: "out-Passw0rd" }; // member of nothing
export const ROBOT = { username: "robot$hooks", password: "robot-secret" };
export const WRONG = { username: "admin", password: "not-the-password" };

/** The main instance of each version: users, a robot with webhook rights, a few projects. */
export const MAIN: { version: string; generation: ApiGeneration }[] = [
  { version: "1.9.4", generation: "v1" },
  { version: "1.10.19", generation: "v1" },
  { version: "2.0.0", generation: "v2.0" },
  { version: "2.2.3", generation: "v2.0" },
  { version: "2.5.6", generation: "v2.3" },
  { version: "2.7.4", generation: "v2.3" },
  { version: "2.8.6", generation: "v2.8" },
  { version: "2.12.4", generation: "v2.8" },
  { version: "2.13.0", generation: "v2.13" },
  { version: "2.15.2", generation: "v2.13" },
];
export const MANY = 230;

export function mainSpec(version: string): SimInstanceSpec {
  return {
    id: version,
    version,
    users: [{ ...ADMIN, sysadmin: true }, DEV, OUT],
    robots: [{ name: ROBOT.username, secret: ROBOT.password, webhookProjects: ["*"] }],
    projects: [
      { name: "library", public: true },
      { name: "team", members: { dev: "maintainer" } },
      { name: "lonely" },
      { name: "race" },
      { name: "other" },
      { name: "2024" },
      { name: "my.team-a_b" },
      { name: "spelling" },
    ],
  };
}

export const manySpec = (id: string, version: string): SimInstanceSpec => ({
  id,
  version,
  projects: Array.from({ length: MANY }, (_, i) => ({ name: `p${String(i).padStart(3, "0")}`, public: i % 4 === 0 })),
});

let sim: HarborSim;
const clients: HarborClient[] = [];

/** Starts the simulator before the file's tests and stops it, and every client made, after them: call once, at the top of the file. */
export function setUpClientSim(): void {
  beforeAll(async () => {
    sim = await startHarborSim({
      record: true,
      instances: [...MAIN.map((m) => mainSpec(m.version)), manySpec("many-2.15", "2.15.2"), manySpec("many-2.2", "2.2.3"), manySpec("many-1.10", "1.10.19")],
    });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await sim?.stop();
  });
}

/** Every exchange the simulator recorded so far. */
export const simExchanges = (): RecordedExchange[] => sim.exchanges;

export function client(id: string, credentials: HarborCredentials = ADMIN, extra: Partial<CreateHarborClientOptions> = {}): HarborClient {
  const c = createHarborClient({ baseUrl: sim.get(id).baseUrl, credentials, maxRetries: 0, outbound: { allow: ["127.0.0.0/8"] }, ...extra });
  clients.push(c);
  return c;
}

export function ok<T>(what: string, r: HarborResult<T>): T {
  if (!r.ok) expect.fail(`${what} failed: ${r.error.kind}: ${r.error.message}`);
  return r.value;
}

export function failure<T>(r: HarborResult<T>) {
  if (r.ok) expect.fail(`expected a failure, got ${JSON.stringify(r.value)}`);
  expect(r.error.message.length).toBeGreaterThan(20);
  return r.error;
}

/** Exchanges of `id` caused by `fn`. */
export async function recorded<T>(id: string, fn: () => Promise<T>): Promise<{ value: T; ex: RecordedExchange[] }> {
  const from = sim.exchanges.length;
  const value = await fn();
  return { value, ex: exchangesOf(sim.exchanges, id, from) };
}

export const hook = (name: string, over: Partial<WebhookPolicyInput> = {}): WebhookPolicyInput => ({
  name,
  description: `${name} description`,
  enabled: true,
  eventTypes: ["PUSH_ARTIFACT"],
  targets: [{ type: "http", address: "https://hooks.example.com/in", authHeader: "Bearer s3cret" }],
  ...over,
});

/** A client that already knows its version: calls that need no request send none. */
export const knownClient = (version: string, credentials: HarborCredentials = ADMIN) => {
  const { generation } = MAIN.find((m) => m.version === version)!;
  return client(version, credentials, { known: { generation, version } });
};

export const projectId = (version: string, name: string) => mainSpec(version).projects!.findIndex((p) => p.name === name) + 1;
