import { describe, expect, it } from "vitest";
import { globMatch, instanceSelected, projectSelected } from "@/lib/fleet/webhooks/template-selector";

const sel = (over = {}) => ({ environments: [], labels: [], instancePattern: "*", projectPattern: "*", ...over });
const inst = (over = {}) => ({ name: "harbor-eu-1", environment: "production", labels: ["region=eu", "tier=gold"], ...over });

describe("globMatch", () => {
  it.each([
    ["*", "anything", true],
    ["team-*", "team-a", true],
    ["team-*", "team-", true],
    ["team-*", "ops-team-a", false],
    ["team-?", "team-ab", false],
    ["team-?", "team-b", true],
    ["a.b", "axb", false],
    ["a.b", "a.b", true],
    ["lib*", "Library", false],
  ])("%s ~ %s → %s", (p, n, want) => expect(globMatch(p, n)).toBe(want));
});

describe("instanceSelected", () => {
  it("every instance when nothing is narrowed", () => expect(instanceSelected(sel(), inst())).toBe(true));
  it("by environment (any of)", () => {
    expect(instanceSelected(sel({ environments: ["staging", "production"] }), inst())).toBe(true);
    expect(instanceSelected(sel({ environments: ["staging"] }), inst())).toBe(false);
  });
  it("by labels (all of; key alone matches any value)", () => {
    expect(instanceSelected(sel({ labels: ["region=eu", "tier"] }), inst())).toBe(true);
    expect(instanceSelected(sel({ labels: ["region=us"] }), inst())).toBe(false);
    expect(instanceSelected(sel({ labels: ["region=eu", "owner"] }), inst())).toBe(false);
  });
  it("by name pattern", () => {
    expect(instanceSelected(sel({ instancePattern: "harbor-eu-*" }), inst())).toBe(true);
    expect(instanceSelected(sel({ instancePattern: "harbor-us-*" }), inst())).toBe(false);
  });
});

it("projectSelected uses the project glob", () => {
  expect(projectSelected(sel({ projectPattern: "team-*" }), "team-a")).toBe(true);
  expect(projectSelected(sel({ projectPattern: "team-*" }), "library")).toBe(false);
});
