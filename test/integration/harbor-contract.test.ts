/**
 * The Harbor client against the simulator, one instance per spec tag: every public function that applies
 * to the generation succeeds, and every exchange it caused matches the official spec of that version
 * (requests and responses), carries Basic auth and an X-Request-Id, and never a cookie.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarborClient } from "@/lib/harbor";
import type { ApiGeneration } from "@/lib/harbor/facts";
import { startHarborSim, type HarborSim } from "@/test/harbor-sim";
import { driveClient, instanceSpec } from "../support/harbor-contract-tour";
import { contractProblems, exchangesOf, wireProblems } from "../support/harbor-exchanges";

const ADMIN = { username: "admin", password: "Harbor12345" };

const VERSIONS: { version: string; generation: ApiGeneration; tls: boolean }[] = [
  { version: "1.9.4", generation: "v1", tls: false },
  { version: "1.10.19", generation: "v1", tls: true },
  { version: "2.0.0", generation: "v2.0", tls: false },
  { version: "2.5.6", generation: "v2.3", tls: true },
  { version: "2.7.4", generation: "v2.3", tls: false },
  { version: "2.8.6", generation: "v2.8", tls: false },
  { version: "2.11.2", generation: "v2.8", tls: true },
  { version: "2.15.2", generation: "v2.13", tls: false },
];

/** Exchanges the tour produces per generation (legacy ones resolve names through the project list). */
const MIN_VALIDATED: Record<ApiGeneration, number> = { v1: 25, "v2.0": 26, "v2.3": 24, "v2.8": 27, "v2.13": 27 };

let sim: HarborSim;

beforeAll(async () => {
  sim = await startHarborSim({ record: true, instances: VERSIONS.map(({ version, tls }) => instanceSpec(version, tls)) });
});
afterAll(() => sim?.stop());

describe("Harbor client ↔ simulator, validated against the official specs", () => {
  it.each(VERSIONS)("Harbor $version ($generation)", async ({ version, generation, tls }) => {
    const inst = sim.get(version);
    expect(inst.baseUrl.startsWith("https://")).toBe(tls);
    const from = sim.exchanges.length;
    const client = createHarborClient({
      baseUrl: inst.baseUrl,
      credentials: ADMIN,
      ca: tls ? sim.caPem : null,
      maxRetries: 0,
      outbound: { allow: ["127.0.0.0/8"] },
    });
    try {
      await driveClient(client, version, generation);
    } finally {
      await client.close();
    }

    const mine = exchangesOf(sim.exchanges, version, from);
    expect(mine.every((e) => !e.fault)).toBe(true);
    // Every call above succeeded, so every answer is a 2xx, except 1.x's 404 on /api/version (how 1.x is detected).
    const notOk = mine.filter((e) => e.status >= 300).map((e) => `${e.method} ${e.path} → ${e.status}`);
    expect(notOk).toEqual(generation === "v1" ? ["GET /api/version → 404", "GET /api/version → 404"] : []);
    expect(wireProblems(mine)).toEqual([]);
    // Harbor set a sid cookie on every answer; the client never sent it back (checked above).
    expect(mine.every((e) => /^sid=/.test(e.responseHeaders["set-cookie"] ?? ""))).toBe(true);

    const { validated, problems } = await contractProblems(mine);
    if (problems.length) console.error(`${version}: ${problems.length} contract problem(s):\n${problems.join("\n")}`);
    expect(problems).toEqual([]);
    expect(validated).toBeGreaterThanOrEqual(MIN_VALIDATED[generation]);
    // The spec-relevant route families were all exercised.
    const paths = new Set(
      mine.map((e) => `${e.method} ${e.path.replace(/\/\d+(?=\/|$)/g, "/{id}").replace(/\/projects\/(team|library)(?=\/|$)/, "/projects/{id}")}`),
    );
    const base = generation === "v1" ? "/api" : "/api/v2.0";
    if (generation !== "v1" && generation !== "v2.0") expect(paths, `${version}: GET /robots`).toContain("GET /api/v2.0/robots");
    for (const p of [
      "GET /systeminfo",
      "GET /health",
      "GET /statistics",
      "GET /users/current",
      "GET /projects",
      "GET /projects/{id}",
      "GET /projects/{id}/webhook/policies",
      "POST /projects/{id}/webhook/policies",
      "GET /projects/{id}/webhook/policies/{id}",
      "PUT /projects/{id}/webhook/policies/{id}",
      "DELETE /projects/{id}/webhook/policies/{id}",
      "GET /projects/{id}/webhook/jobs",
      "GET /projects/{id}/webhook/lasttrigger",
    ]) {
      const [m, path] = p.split(" ");
      expect(paths, `${version}: ${p}`).toContain(`${m} ${base}${path}`);
    }
  });
});
