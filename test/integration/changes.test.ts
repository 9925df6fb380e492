import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { VISIT_GAP_MS, getFleetChanges, markFleetSeen, recordFleetView } from "@/lib/fleet/changes";
import type { PollResult } from "@/lib/fleet/collector/poll";
import { pollResult } from "../support/poll-result";
import { writePollResults } from "@/lib/fleet/collector/store";
import { pruneSnapshots } from "@/lib/fleet/collector/prune";
import { createInstance, deleteInstance } from "@/lib/fleet/instances";
import { ZInstanceCreateInput } from "@/lib/schemas/instance";

const run = Math.random().toString(36).slice(2, 7);
const actor = { id: null, email: "changes@example.com" };
const ids: Record<string, string> = {};
const MIN = 60_000;
const now = Date.now();
const since = new Date(now - 120 * MIN);

const poll = (key: string, minutesAgo: number, over: Partial<PollResult> = {}) => pollResult(ids[key], new Date(now - minutesAgo * MIN), over);
const store = (...results: PollResult[]) => writePollResults({ results, jobs: [], intervalSeconds: 60 });
const create = async (key: string) => {
  const inst = await createInstance({
    input: ZInstanceCreateInput.parse({
      name: `chg-${key}-${run}`,
      environment: "staging",
      labels: `chg=${run}`,
      baseUrl: "https://127.0.0.1:9/h",
      username: "u",
      secret: "s",
      deploymentMode: "helm",
    }),
    actor,
    requestId: "chg",
  });
  ids[key] = inst.id;
};

beforeAll(async () => {
  for (const key of ["worse", "better", "upgraded", "cred", "flapped", "same", "gone", "downcred", "lost", "early", "late", "old", "rollback", "dipped"])
    await create(key);
  // All of them existed before the last visit.
  await db.harborInstance.updateMany({ where: { id: { in: Object.values(ids) } }, data: { createdAt: new Date(now - 10 * 60 * MIN) } });
  await db.harborInstance.update({ where: { id: ids.old }, data: { createdAt: new Date(now - 15 * 86_400_000) } });
  // Before the last visit (3 h ago)...
  await store(
    poll("worse", 180),
    poll("better", 180, { health: "down", harborVersion: null, latencyMs: null, errorKind: "unreachable", errorMessage: "refused" }),
    poll("upgraded", 180),
    poll("cred", 180),
    poll("flapped", 180),
    poll("same", 180, { health: "degraded" }),
    poll("dipped", 180, { health: "degraded" }),
    poll("gone", 180),
    poll("downcred", 180, { health: "unknown", credential: "invalid", errorKind: "unauthorized", errorMessage: "401" }),
    poll("lost", 180, { health: "degraded" }),
    poll("early", 145, { health: "down", harborVersion: null, latencyMs: null, errorKind: "timeout", errorMessage: "slow" }),
  );
  await store(poll("early", 125)); // one poll per instance per batch, as the collector stores them
  // "rollback": 2.14.0 before the visit, 2.15.2 for a while (its hour sealed as the maintenance does), 2.14.0 again now
  await store(poll("rollback", 180));
  const hourMs = 3_600_000;
  const nextHour = Math.floor((now - 120 * MIN) / hourMs) * hourMs + hourMs;
  await store(pollResult(ids.rollback, new Date(nextHour + 5 * MIN)));
  await store(pollResult(ids.rollback, new Date(nextHour + 10 * MIN), { harborVersion: "2.15.2" }));
  // "old" was healthy two weeks ago (just inside the retention window), then not polled until now
  await store(poll("old", 14 * 24 * 60 - 60));
  // ... meanwhile (1 h ago: the flapping one was down) ...
  await store(
    poll("flapped", 60, { health: "down", harborVersion: null, latencyMs: null, errorKind: "timeout", errorMessage: "slow" }),
    poll("dipped", 60, { health: "down", harborVersion: null, latencyMs: null, errorKind: "timeout", errorMessage: "slow" }),
  );
  // ... and now.
  await store(
    poll("worse", 1, { health: "down", harborVersion: null, latencyMs: null, errorKind: "unreachable", errorMessage: "refused" }),
    poll("better", 1),
    poll("upgraded", 1, { harborVersion: "2.15.2" }),
    poll("cred", 1, { health: "unknown", credential: "invalid", errorKind: "unauthorized", errorMessage: "401" }),
    poll("flapped", 1),
    poll("same", 1, { health: "degraded" }),
    poll("dipped", 1, { health: "degraded" }),
    // its credential was rejected; now it is down, which says nothing about the credential
    poll("downcred", 1, { health: "down", credential: "unknown", harborVersion: null, latencyMs: null, errorKind: "unreachable", errorMessage: "refused" }),
    poll("lost", 1, { health: "unknown", errorKind: "timeout", errorMessage: "statistics timed out" }),
    poll("early", 1),
    poll("late", 1, { health: "down", harborVersion: null, latencyMs: null, errorKind: "unreachable", errorMessage: "refused" }),
    poll("old", 1, { health: "down", harborVersion: null, latencyMs: null, errorKind: "unreachable", errorMessage: "refused" }),
    poll("rollback", 1),
  );
  await create("new");
  await store(poll("new", 1));
  await deleteInstance({ id: ids.gone, actor, requestId: "chg" });
});

describe("since your last visit", () => {
  it("compares each instance's last poll before the visit with its state now", async () => {
    const c = await getFleetChanges(since, new Date(now));
    const names = (xs: { name: string }[]) => xs.map((x) => x.name.replace(`-${run}`, "")).filter((n) => n.startsWith("chg-"));
    expect(names(c.worse)).toEqual(["chg-downcred", "chg-old", "chg-worse"]); // unknown → down counts: now we know
    expect(c.worse.find((x) => x.id === ids.worse)).toMatchObject({ healthBefore: "healthy", health: "down" });
    expect(names(c.better)).toEqual(["chg-better"]);
    // a move to unknown is neither worse nor better: the console cannot tell any more
    expect(names(c.unknown)).toEqual(["chg-cred", "chg-lost"]);
    expect(names(c.firstPolled)).toEqual(["chg-late"]); // registered before the visit, first polled after it
    expect(c.versions.filter((x) => x.id === ids.upgraded)).toMatchObject([{ versionBefore: "2.14.0", version: "2.15.2" }]);
    expect(names(c.versions)).toEqual(["chg-upgraded"]); // "better" reported no version before: not a version change
    expect(names(c.versionBack)).toEqual(["chg-rollback"]); // 2.14.0 → 2.15.2 → 2.14.0
    // rejected → accepted only between known states: "downcred" is down now, its credential untested
    expect(names(c.credentials)).toEqual(["chg-cred"]);
    // down 25 minutes before the visit and healthy since: nothing happened meanwhile
    expect(names(c.flapped)).toEqual(["chg-dipped", "chg-flapped"]); // degraded → down → degraded; healthy → down → healthy
    expect(names(c.worse)).not.toContain("chg-dipped");
    expect(c.added.filter((a) => a.name.endsWith(run))).toEqual([expect.objectContaining({ name: `chg-new-${run}`, by: actor.email })]);
    expect(c.removed.filter((a) => a.name.endsWith(run))).toEqual([expect.objectContaining({ name: `chg-gone-${run}`, by: actor.email })]);
    expect(c.addedTotal).toBeGreaterThanOrEqual(1);
    expect(c.since).toBe(since.toISOString());
    expect(c.asOf).toBe(new Date(now).toISOString());
  });

  it("compares a visit older than the history with the oldest polls the hourly prune is sure to keep", async () => {
    await pruneSnapshots(14);
    const c = await getFleetChanges(new Date(now - 40 * 86_400_000), new Date(now));
    expect(c.lastVisit).toBe(new Date(now - 40 * 86_400_000).toISOString());
    expect(c.since).toBe(new Date(now - 14 * 86_400_000 + 2 * 3_600_000).toISOString());
    expect(c.worse.find((x) => x.id === ids.old)).toMatchObject({ healthBefore: "healthy", health: "down" });
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
    // "mark as seen": from when the changes shown were computed, never later than now
    const t3 = new Date(t2.getTime() + 2 * MIN);
    expect(await markFleetSeen(user.id, t3, new Date(t3.getTime() + MIN))).toEqual(t3);
    expect((await recordFleetView(user.id, new Date(t3.getTime() + 2 * MIN)))?.toISOString()).toBe(t3.toISOString());
    expect(await markFleetSeen(user.id, new Date(now + 86_400_000), new Date(t3.getTime() + 3 * MIN))).toEqual(new Date(t3.getTime() + 3 * MIN));
    // an older request arriving late never moves the last view back
    await recordFleetView(user.id, new Date(t3.getTime() - 10 * MIN));
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).fleetLastViewAt?.getTime()).toBe(t3.getTime() + 3 * MIN);
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.updatedAt.getTime()).toBe(user.updatedAt.getTime()); // a view is not an edit
  });
});
