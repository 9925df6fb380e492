/**
 * Starts the built console (`next build` must have run) through its own launcher, on a fresh database,
 * with a known first admin; stops both afterwards.
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { startHarborSim, type SimInstanceSpec } from "../harbor-sim";
import { freePort } from "../../lib/bootstrap/embedded-postgres";
import { startTestIdp } from "../support/oidc-idp";
import { provisionTestDatabase, TEST_ENV } from "../support/test-db";

const root = path.resolve(__dirname, "../..");

/** Webhook templates across three generations (webhook-templates.spec.ts): 1.10's team-b already has its one policy. */
function templateInstances(): SimInstanceSpec[] {
  const projects = [{ name: "library", public: true }, { name: "team-a" }, { name: "team-b" }];
  return [
    {
      id: "e2e-tpl-110",
      version: "1.10.19",
      projects,
      policies: [{ project: "team-b", name: "policy_1", eventTypes: ["pushImage"], targets: [{ type: "http", address: "https://other.example.com/hook" }] }],
    },
    { id: "e2e-tpl-25", version: "2.5.6", projects },
    { id: "e2e-tpl-215", version: "2.15.2", projects },
  ];
}

export default async function globalSetup() {
  if (!fs.existsSync(path.join(root, ".next/BUILD_ID"))) throw new Error("No production build: run `npx next build` first (npm test does).");
  const port = process.env.E2E_PORT ?? "3107";
  const database = await provisionTestDatabase("e2e");
  // Single sign-on is on for the browser tests, against a real OIDC provider; local sign-in stays available.
  const idp = await startTestIdp({ redirectUri: `http://127.0.0.1:${port}/api/auth/callback/oidc` });
  // Simulated Harbors for "Test connection": a healthy TLS one (its CA handed to the tests) and a 1.10;
  // for the fleet page, a mixed fleet: one with an unhealthy component, one down, one old.
  const sim = await startHarborSim({
    instances: [
      { id: "e2e-tls", version: "2.11.2", tls: true },
      { id: "e2e-legacy", version: "1.10.19" },
      { id: "e2e-degraded", version: "2.8.6", unhealthy: { redis: "dial tcp 10.0.0.7:6379: connect: connection refused" } },
      { id: "e2e-down", version: "2.5.6", faults: { down: true } },
      { id: "e2e-old", version: "2.0.6" },
      // A robot credential that expires in 5 days and may list robots: the instance page warns about it.
      {
        id: "e2e-robot",
        version: "2.11.2",
        robots: [
          {
            name: "robot$fleet-e2e",
            secret: "Fleet-e2e-secret1",
            expiresAt: Math.floor(Date.now() / 1000) + 5 * 86_400,
            canListRobots: true,
            readProjects: ["*"],
          },
        ],
      },
      // Two minor lines behind the newest and still maintained: its "2 behind" badge is amber, as the tile counts it (first-hour.spec.ts).
      { id: "e2e-maintained", version: "2.13.5" },
      // Twelve projects, one public, seen through a robot: a partial view, "≥ 1 project" (first-hour.spec.ts).
      {
        id: "e2e-partial",
        version: "2.11.2",
        projects: Array.from({ length: 12 }, (_, i) => ({ name: `team-${i}`, public: i === 0, repoCount: 2 })),
        storageBytes: 9_000_000_000,
        robots: [{ name: "robot$monitor", secret: "Monitor-e2e-secret1", readProjects: ["*"] }],
      },
      // A hostile Harbor: statistics at the ends of int64, as the specs allow (collector-trust.spec.ts).
      { id: "e2e-hostile", version: "2.11.2", faults: { int64Counts: true } },
      ...templateInstances(),
    ],
  });
  fs.mkdirSync(path.join(root, "test-results"), { recursive: true });
  const caFile = path.join(root, "test-results/sim-ca.pem");
  fs.writeFileSync(caFile, sim.caPem);
  Object.assign(process.env, {
    E2E_SIM_TLS_URL: sim.get("e2e-tls").baseUrl,
    E2E_SIM_LEGACY_URL: sim.get("e2e-legacy").baseUrl,
    E2E_SIM_DEGRADED_URL: sim.get("e2e-degraded").baseUrl,
    E2E_SIM_DOWN_URL: sim.get("e2e-down").baseUrl,
    E2E_SIM_OLD_URL: sim.get("e2e-old").baseUrl,
    E2E_SIM_ROBOT_URL: sim.get("e2e-robot").baseUrl,
    E2E_SIM_HOSTILE_URL: sim.get("e2e-hostile").baseUrl,
    E2E_SIM_TPL110_URL: sim.get("e2e-tpl-110").baseUrl,
    E2E_SIM_TPL25_URL: sim.get("e2e-tpl-25").baseUrl,
    E2E_SIM_TPL215_URL: sim.get("e2e-tpl-215").baseUrl,
    E2E_SIM_MAINTAINED_URL: sim.get("e2e-maintained").baseUrl,
    E2E_SIM_PARTIAL_URL: sim.get("e2e-partial").baseUrl,
    E2E_SIM_CA_FILE: caFile,
    E2E_CLOSED_URL: `http://127.0.0.1:${await freePort()}`,
  });
  const admin = { email: "admin@e2e.test", password: crypto.randomBytes(12).toString("base64url") };
  Object.assign(process.env, { E2E_ADMIN_EMAIL: admin.email, E2E_ADMIN_PASSWORD: admin.password, E2E_DATABASE_URL: database.url });

  fs.mkdirSync(path.join(root, "test-results"), { recursive: true });
  const logFile = path.join(root, "test-results/e2e-server.log");
  const out = fs.openSync(logFile, "w");
  const server = spawn(path.join(root, "node_modules/.bin/tsx"), ["lib/bootstrap/cli.ts", "start"], {
    cwd: root,
    stdio: ["ignore", out, out],
    env: {
      ...process.env,
      ...TEST_ENV,
      LOGIN_MAX_FAILURES: "5",
      // The e2e receiver of test deliveries listens on loopback (test deliveries have their own allow-list).
      CONSOLE_WEBHOOK_TEST_ALLOW: "127.0.0.0/8",
      // Dead instances (the e2e-down sim, the unreachable loopback URLs other tests register) must not hold up a round.
      COLLECTOR_TIMEOUT_SECONDS: "3",
      DATABASE_URL: database.url,
      PORT: port,
      HOSTNAME: "127.0.0.1",
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: idp.clientSecret,
      OIDC_NAME: "Test IdP",
      OIDC_DEFAULT_ROLE: "viewer",
    },
  });
  const exited = new Promise<number>((resolve) => server.on("exit", (code) => resolve(code ?? 1)));

  const deadline = Date.now() + 120_000;
  let ready = false;
  while (Date.now() < deadline && server.exitCode === null) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) {
        ready = true;
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (!ready) {
    server.kill("SIGTERM");
    await idp.stop();
    await sim.stop();
    await database.teardown();
    throw new Error(`The console did not become ready:\n${fs.readFileSync(logFile, "utf8").slice(-3000)}`);
  }

  return async () => {
    server.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (server.exitCode === null) server.kill("SIGKILL");
    await idp.stop();
    await sim.stop();
    await database.teardown();
  };
}
