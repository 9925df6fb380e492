import { describe, expect, it } from "vitest";
import { countText, fleetUsageText, PARTIAL_FIX, partialReason, projectsAndRepos, storageText } from "@/components/fleet/usage-text";

describe("usage wording", () => {
  it("shows a partial view as a lower bound, never as a total", () => {
    expect(projectsAndRepos({ projectCount: 1, repoCount: 2, usage: "partial" })).toBe("≥ 1 / ≥ 2");
    expect(projectsAndRepos({ projectCount: 12, repoCount: 40, usage: "full" })).toBe("12 / 40");
    expect(projectsAndRepos({ projectCount: null, repoCount: null, usage: null })).toBeNull();
    expect(countText(1, "project", true)).toBe("≥ 1 project visible to this account");
    expect(countText(12, "project", false)).toBe("12 projects");
  });

  it("never says 0 B for storage an account cannot see", () => {
    expect(storageText({ storageBytes: null, usage: "partial" })).toBe("not visible to this account");
    expect(storageText({ storageBytes: 0, usage: "partial" })).not.toContain("0 B");
    expect(storageText({ storageBytes: 1536, usage: "full" })).toBe("1.5 KiB");
  });

  it("says why the view is partial for robots and for users", () => {
    expect(partialReason({ credentialKind: "robot" })).toMatch(/robot account/);
    expect(partialReason({ credentialKind: "user" })).toMatch(/not a Harbor system administrator/);
    // The fix names what really gives totals: robots never get them, whatever their scope.
    expect(PARTIAL_FIX).toMatch(/system admin role/);
    expect(PARTIAL_FIX).toMatch(/withhold the totals and storage from robots/);
  });

  it("fleet totals name what they leave out", () => {
    expect(fleetUsageText({ projects: 12, repos: 24, storageBytes: 2048, counted: 1, partial: 3 })).toBe(
      "Across 1 instance: 12 projects · 24 repositories · 2.0 KiB; 3 instances with a partial view (an account that sees only part of it) not counted.",
    );
    expect(fleetUsageText({ projects: 1, repos: 1, storageBytes: 0, counted: 2, partial: 0 })).toBe("Across 2 instances: 1 project · 1 repository · 0 B.");
  });
});
