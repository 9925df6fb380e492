import { describe, expect, it } from "vitest";
import { deployedRevision, savedAgo, type RevisionFacts } from "@/lib/config/deployed-revision";
import { defaultTopology } from "@/lib/schemas/topology-default";

const now = new Date("2026-12-10T12:00:00Z");
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
const rev = (revision: number, version: string, createdAt: Date, tweak: (t: ReturnType<typeof defaultTopology>) => void = () => {}): RevisionFacts => {
  const t = defaultTopology(version);
  t.access.hostname = "harbor.example.com";
  tweak(t);
  return { revision, createdAt, topology: t };
};
const live = { harborVersion: "2.11.2", externalUrl: "https://harbor.example.com", storageProvider: "filesystem" };
const compose = { deploymentMode: "docker_compose" as const };

describe("which revision the instance matches", () => {
  it("flags a newest revision that was never deployed when an older one still matches", () => {
    const revisions = [rev(3, "2.11.2", daysAgo(5), (t) => (t.storage.type = "s3")), rev(2, "2.11.2", daysAgo(9)), rev(1, "2.10.3", daysAgo(30))];
    expect(deployedRevision(revisions, live, compose, now)).toEqual({
      kind: "undeployed",
      latest: 3,
      matches: 2,
      text: "r3 saved 5 days ago; the instance still matches r2 (version, URL, storage driver and mode): r3 was never deployed.",
    });
  });

  it("says it cannot tell when the newest and the one before agree on everything the API shows", () => {
    const revisions = [rev(3, "2.11.2", daysAgo(2), (t) => (t.components.jobservice.maxJobWorkers = 20)), rev(2, "2.11.2", daysAgo(9))];
    const r = deployedRevision(revisions, live, compose, now);
    expect(r).toMatchObject({ kind: "ambiguous", revision: 3, alsoMatches: 2 });
    expect(r.kind !== "none" && r.text).toContain("the console cannot tell whether r3 saved 2 days ago is deployed");
  });

  it("names the newest when only it matches, and says so when none does", () => {
    expect(deployedRevision([rev(2, "2.11.2", daysAgo(1)), rev(1, "2.10.3", daysAgo(9))], live, compose, now)).toMatchObject({ kind: "latest", revision: 2 });
    expect(deployedRevision([rev(2, "2.12.0", daysAgo(1)), rev(1, "2.10.3", daysAgo(9))], live, compose, now)).toMatchObject({ kind: "unknown", latest: 2 });
    // the deployment mode is part of what matches
    expect(deployedRevision([rev(1, "2.11.2", daysAgo(1))], live, { deploymentMode: "helm" }, now).kind).toBe("unknown");
  });

  it("claims nothing without revisions or without a live version", () => {
    expect(deployedRevision([], live, compose, now)).toEqual({ kind: "none" });
    expect(deployedRevision([rev(1, "2.11.2", daysAgo(1))], { ...live, harborVersion: null }, compose, now)).toEqual({ kind: "none" });
  });

  it("words the age", () => {
    expect(savedAgo(new Date(now.getTime() - 30 * 60_000), now)).toBe("less than an hour ago");
    expect(savedAgo(new Date(now.getTime() - 3_600_000), now)).toBe("1 hour ago");
    expect(savedAgo(daysAgo(1), now)).toBe("1 day ago");
  });
});
