import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { VISIT_GAP_MS, getFleetChanges, markFleetSeen, recordFleetView } from "@/lib/fleet/changes";
import type { PollResult } from "@/lib/fleet/collector/poll";
import { writePollResults } from "@/lib/fleet/collector/store";
import { createInstance, deleteInstance } from "@/lib/fleet/instances";
import { ZInstanceCreateInput } from "@/lib/schemas/instance";

const run = Math.random().toString(36).slice(2, 7);
const actor = { id: null, email: "changes@example.com" };
const ids: Record<string, string> = {};
const MIN = 60_000;
const now = Date.now();
const since = new Date(now - 120 * MIN);

function poll(key: string, minutesAgo: number, over: Partial<PollResult> = {}): PollResult {
  return {
    instanceId: ids[key],
    checkedAt: new Date(now - minutesAgo * MIN),
    health: "healthy",
    credential: "valid",
    harborVersion: "2.14.0",
    apiGeneration: "v2.0",
    components: [],
    projectCount: 1,
    repoCount: 1,
    storageBytes: 0n,
    readOnly: false,
    authMode: "db_auth",
    externalUrl: null,
    storageProvider: null,
    latencyMs: 40,
    errorKind: null,
    errorMessage: null,
    credentialCheck: null,
    ...over,
  };
}
const store = (...results: PollResult[]) => writePollResults({ results, jobs: [], intervalSeconds: 60 });
const create = async (key: string) => {
  const inst = await createInstance({
    input: ZInstanceCreateInput.parse({ name: `chg-${key}-${run}`, environment: "staging", labels: `chg=${run}`, baseUrl: "https://127.0.0.1:9/h", username: "u", secret: "s", deploymentMode: "helm" }),
    actor,
    requestId: "chg",
  });
  ids[key] = inst.id;
};

beforeAll(async () => {
  for (const key of ["worse", "better", "upgraded", "cred", "flapped", "same", "gone"]) await create(key);
  // All of them existed before the last visit.
  await db.harborInstance.updateMany({ where: { id: { in: Object.values(ids) } }, data: { createdAt: new Date(now - 10 * 60 * MIN) } });
  // Before the last visit (3 h ago)...
  await store(
    poll("worse", 180),
    poll("better", 180, { health: "down", harborVersion: null, latencyMs: null, errorKind: "unreachable", errorMessage: "refused" }),
    poll("upgraded", 180),
    poll("cred", 180),
    poll("flapped", 180),
    poll("same", 180, { health: "degraded" }),
    poll("gone", 180),
  );
  // ... meanwhile (1 h ago: the flapping one was down) ...
  await store(poll("flapped", 60, { health: "down", harborVersion: null, latencyMs: null, errorKind: "timeout", errorMessage: "slow" }));
  // ... and now.
  await store(
    poll("worse", 1, { health: "down", harborVersion: null, latencyMs: null, errorKind: "unreachable", errorMessage: "refused" }),
    poll("better", 1),
    poll("upgraded", 1, { harborVersion: "2.15.2" }),
    poll("cred", 1, { health: "unknown", credential: "invalid", errorKind: "unauthorized", errorMessage: "401" }),
    poll("flapped", 1),
    poll("same", 1, { health: "degraded" }),
  );
  await create("new");
  await store(poll("new", 1));
  await deleteInstance({ id: ids.gone, actor, requestId: "chg" });
});

describe("since your last visit", () => {
  it("compares each instance's last poll before the visit with its state now", async () => {
    const c = await getFleetChanges(since, new Date(now));
    const names = (xs: { name: string }[]) => xs.map((x) => x.name).filter((n) => n.endsWith(run));
    expect(names(c.worse)).toEqual([`chg-cred-${run}`, `chg-worse-${run}`]); // unknown behind a rejected credential, and down
    expect(c.worse.find((x) => x.id === ids.worse)).toMatchObject({ healthBefore: "healthy", health: "down" });
    expect(names(c.better)).toEqual([`chg-better-${run}`]);
    expect(c.versions.filter((x) => x.id === ids.upgraded)).toMatchObject([{ versionBefore: "2.14.0", version: "2.15.2" }]);
    expect(names(c.versions)).toEqual([`chg-upgraded-${run}`]); // "better" reported no version before: not a version change
    expect(names(c.credentials)).toEqual([`chg-cred-${run}`]);
    expect(names(c.flapped)).toEqual([`chg-flapped-${run}`]);
    expect(c.added.filter((a) => a.name.endsWith(run))).toEqual([expect.objectContaining({ name: `chg-new-${run}`, by: actor.email })]);
    expect(c.removed.filter((a) => a.name.endsWith(run))).toEqual([expect.objectContaining({ name: `chg-gone-${run}`, by: actor.email })]);
    expect(c.since).toBe(since.toISOString());
  });

  it("never looks further back than the history kept", async () => {
    const c = await getFleetChanges(new Date(now - 40 * 86_400_000), new Date(now));
    expect(c.lastVisit).toBe(new Date(now - 40 * 86_400_000).toISOString());
    expect(c.since).toBe(new Date(now - 14 * 86_400_000).toISOString());
  });

  it("starts a visit after 30 minutes away, keeps its start within one, and can be marked as seen", async () => {
    const user = await db.user.create({ data: { email: `visit-${run}@example.com`, role: "viewer" } });
    const t0 = new Date(now - 5 * 3_600_000);
    expect(await recordFleetView(user.id, t0)).toBeNull(); // a first visit: nothing to compare with
    // 10 minutes later: the same visit, still compared with its start
    expect((await recordFleetView(user.id, new Date(t0.getTime() + 10 * MIN)))?.toISOString()).toBe(t0.toISOString());
    // an hour after that: a new visit, compared with the last view of the previous one
    const t2 = new Date(t0.getTime() + 10 * MIN + VISIT_GAP_MS + 30 * MIN);
    expect((await recordFleetView(user.id, t2))?.toISOString()).toBe(new Date(t0.getTime() + 10 * MIN).toISOString());
    expect((await recordFleetView(user.id, new Date(t2.getTime() + MIN)))?.toISOString()).toBe(new Date(t0.getTime() + 10 * MIN).toISOString());
    // "mark as seen": from now on
    const t3 = new Date(t2.getTime() + 2 * MIN);
    await markFleetSeen(user.id, t3);
    expect((await recordFleetView(user.id, new Date(t3.getTime() + MIN)))?.toISOString()).toBe(t3.toISOString());
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.updatedAt.getTime()).toBe(user.updatedAt.getTime()); // a view is not an edit
  });
});
