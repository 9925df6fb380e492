/**
 * Golden harbor.yml files: the two reference topologies for one release per era. Reviewed by hand against
 * docs/harbor/config.md; a change here is a change of what operators deploy, so read the diff.
 */
import { describe, expect, it } from "vitest";
import { generateHarborYml } from "@/lib/config/harbor-yml";
import { checkTopology } from "@/lib/config/validate";
import { GOLDEN_VERSIONS, singleNode, threeNodes } from "./golden/topologies";

const TOPOLOGIES = { "single-node": singleNode, "three-nodes": threeNodes } as const;

describe.each(Object.entries(TOPOLOGIES))("%s", (name, build) => {
  it.each(GOLDEN_VERSIONS)("Harbor %s", async (version) => {
    const { topology, issues } = checkTopology(build(version));
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
    const yml = generateHarborYml(topology!, { secrets: null, mask: false, node: topology!.deployment.nodes[0] });
    await expect(yml).toMatchFileSnapshot(`golden/harbor-yml/${name}/${version}.yml`);
  });
});
