/** The runbook's checklist (lib/config/upgrade-runbook-steps.ts) follows the Markdown runbook step for step. */
import { describe, expect, it } from "vitest";
import { planImpact } from "@/lib/config/upgrade-impact";
import { generateUpgradeRunbook } from "@/lib/config/upgrade-runbook";
import { ALL_STEP_IDS, runbookSteps } from "@/lib/config/upgrade-runbook-steps";
import { defaultTopology } from "@/lib/schemas/topology-default";

/** The numbered steps of the Markdown's first hop. */
function numbered(md: string): string[] {
  const hop = md.split("## Hop 1:")[1].split(/\n## Hop 2:|\n# Restore/)[0];
  return hop.split("\n").filter((l) => /^\d+\. \*\*/.test(l));
}

function runbook(helm: boolean, nodes: number): string {
  const t = defaultTopology("2.11.2");
  t.deployment.nodes = Array.from({ length: nodes }, (_, i) => ({ name: `reg-${i + 1}`, address: `10.1.0.${i + 1}` }));
  const impact = planImpact({ from: "2.11.2", path: ["2.14.4"], topology: t, internalDatabase: true, helm });
  if (!impact.ok) throw new Error(impact.error);
  return generateUpgradeRunbook({ instanceName: "x", baseUrl: "https://x.example.org", helm, from: "2.11.2", hops: impact.hops, topology: helm ? null : t });
}

describe("runbookSteps", () => {
  it.each([
    [false, 3],
    [false, 1],
    [true, 1],
  ])("helm=%s nodes=%i: one checklist step per numbered runbook step, plus switching read-only off after verify", (helm, nodes) => {
    const steps = runbookSteps({ helm, multiNode: nodes > 1 });
    const md = numbered(runbook(helm, nodes));
    expect(steps).toHaveLength(md.length + 1);
    expect(steps.map((s) => s.id)).toEqual([...new Set(steps.map((s) => s.id))]);
    // the read-only steps sit where the runbook puts them
    const on = steps.findIndex((s) => s.readOnly === "on");
    expect(md[on]).toMatch(/\*\*Read-only\*\*/);
    expect(steps.at(-1)).toMatchObject({ id: "read-only-off", readOnly: "off" });
    expect(md.at(-1)).toMatch(/Then switch Repository Read Only off/);
  });

  it("keeps its ids stable: ticks stored against them survive a regenerated runbook", () => {
    expect(runbookSteps({ helm: false, multiNode: true }).map((s) => s.id)).toEqual([
      "pre-stage",
      "read-only-on",
      "stop",
      "back-up",
      "install",
      "start-first",
      "start-rest",
      "verify",
      "read-only-off",
    ]);
    expect(runbookSteps({ helm: true, multiNode: false }).map((s) => s.id)).toEqual(["read-only-on", "back-up", "upgrade", "verify", "read-only-off"]);
    expect(ALL_STEP_IDS).toContain("upgrade");
  });
});
