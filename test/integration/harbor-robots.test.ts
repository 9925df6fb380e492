/**
 * Robot account expiry (robot accounts v2, Harbor 2.2+) through the client against the simulator: who may
 * list robots, the exact name filter, versions without the API, and every exchange against the official spec.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarborClient, getCurrentUser, getRobotExpiry, type HarborCredentials } from "@/lib/harbor";
import { startHarborSim, type HarborSim } from "@/test/harbor-sim";
import { contractProblems, exchangesOf, wireProblems } from "../support/harbor-exchanges";

const ADMIN = { username: "admin", password: "Harbor12345" };
const FLEET = { username: "robot$fleet", password: "Fleet-secret1" };
const LISTER = { username: "robot$lister", password: "Lister-secret1" };
const GONE = { username: "robot$gone", password: "Gone-secret1" };
const now = Math.floor(Date.now() / 1000);
const FLEET_EXPIRES = now + 5 * 86_400;

let sim: HarborSim;
beforeAll(async () => {
  const robots = [
    { name: FLEET.username, secret: FLEET.password, expiresAt: FLEET_EXPIRES },
    { name: LISTER.username, secret: LISTER.password, canListRobots: true },
    { name: GONE.username, secret: GONE.password, expiresAt: now - 86_400, canListRobots: true },
    { name: "robot$team+ci", secret: "Team-secret1", expiresAt: now + 86_400 },
  ];
  sim = await startHarborSim({
    record: true,
    instances: [
      { id: "2.11.2", version: "2.11.2", robots },
      { id: "2.15.2", version: "2.15.2", robots, tls: true },
      { id: "2.2.3", version: "2.2.3", robots },
      { id: "2.0.6", version: "2.0.6", robots },
    ],
  });
});
afterAll(() => sim?.stop());

function clientFor(id: string, credentials: HarborCredentials) {
  const inst = sim.get(id);
  return createHarborClient({ baseUrl: inst.baseUrl, credentials, ca: inst.spec.tls ? sim.caPem : null, maxRetries: 0, outbound: { allow: ["127.0.0.0/8"] } });
}

async function expiry(id: string, credentials: HarborCredentials, name: string) {
  const client = clientFor(id, credentials);
  try {
    return await getRobotExpiry({ client, name });
  } finally {
    await client.close();
  }
}

describe("getRobotExpiry against the simulator", () => {
  it.each(["2.11.2", "2.15.2", "2.2.3"])("%s: a system admin sees the expiry of a named robot; unknown names are not found", async (id) => {
    expect(await expiry(id, ADMIN, FLEET.username)).toMatchObject({
      ok: true,
      value: { kind: "expires", at: new Date(FLEET_EXPIRES * 1000), disabled: false },
    });
    expect(await expiry(id, ADMIN, LISTER.username)).toMatchObject({ ok: true, value: { kind: "never", disabled: false } });
    expect(await expiry(id, ADMIN, "robot$nobody")).toMatchObject({ ok: true, value: { kind: "not_found" } });
    // A project robot is not among the system robots Harbor lists without a level.
    expect(await expiry(id, ADMIN, "robot$team+ci")).toMatchObject({ ok: true, value: { kind: "not_found" } });
  });

  it("a robot without the robot-list permission → forbidden; one with it sees its own expiry", async () => {
    const denied = await expiry("2.11.2", FLEET, FLEET.username);
    expect(!denied.ok && denied.error).toMatchObject({ kind: "forbidden", status: 403 });
    expect(await expiry("2.11.2", LISTER, LISTER.username)).toMatchObject({ ok: true, value: { kind: "never" } });
    expect(await expiry("2.15.2", LISTER, FLEET.username)).toMatchObject({ ok: true, value: { kind: "expires" } });
  });

  it("an expired robot is refused like a wrong secret (anonymous → 401), as Harbor does", async () => {
    const client = clientFor("2.11.2", GONE);
    try {
      const me = await getCurrentUser({ client });
      expect(!me.ok && me.error.kind).toBe("unauthorized");
      const r = await getRobotExpiry({ client, name: GONE.username });
      expect(!r.ok && r.error.kind).toBe("unauthorized");
    } finally {
      await client.close();
    }
  });

  it("Harbor 2.0.6 → unsupported_version, without a request to /robots", async () => {
    const from = sim.exchanges.length;
    const r = await expiry("2.0.6", ADMIN, FLEET.username);
    expect(!r.ok && r.error).toMatchObject({ kind: "unsupported_version", requestId: "" });
    expect(exchangesOf(sim.exchanges, "2.0.6", from).filter((e) => e.path.endsWith("/robots"))).toEqual([]);
  });

  it("every exchange matches the official spec of its version and the wire rules", async () => {
    const mine = sim.exchanges.filter((e) => e.instanceId === "2.11.2" || e.instanceId === "2.15.2");
    const robots = mine.filter((e) => e.path === "/api/v2.0/robots");
    expect(robots.length).toBeGreaterThanOrEqual(8);
    expect(new Set(robots.map((e) => e.status))).toEqual(new Set([200, 401, 403]));
    expect(robots.every((e) => /^name=[a-z0-9._+-]+$/.test(String(e.query.q)))).toBe(true);
    expect(wireProblems(mine)).toEqual([]);
    const { validated, problems } = await contractProblems(mine);
    expect(problems).toEqual([]);
    expect(validated).toBeGreaterThanOrEqual(robots.length);
    // The secret never comes back in a list.
    expect(robots.every((e) => !JSON.stringify(e.responseBody ?? "").includes("secret"))).toBe(true);
  });
});
