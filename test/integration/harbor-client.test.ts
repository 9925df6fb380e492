/**
 * Generation-specific behaviour of the Harbor client against the simulator: version detection, credential
 * checks, webhook quirks by version, event-type spelling, pagination, addressing by name, permissions.
 * Every exchange of this file is finally checked against the official specs.
 */
import { describe, expect, it } from "vitest";
import { simExchanges, setUpClientSim } from "../support/harbor-client-sim";
import { contractProblems, wireProblems } from "../support/harbor-exchanges";
import { eventTypeTests } from "./harbor-client/event-types";
import { projectTests } from "./harbor-client/projects";
import { versionAndCredentialTests } from "./harbor-client/versions-and-credentials";
import { webhookPolicyTests } from "./harbor-client/webhook-policies";

setUpClientSim();

// One simulator for all the suites, in this order: the last test checks every exchange they caused.
versionAndCredentialTests();
webhookPolicyTests();
eventTypeTests();
projectTests();

describe("every exchange of this file", () => {
  it("matches the official specs and keeps the wire rules", async () => {
    const all = simExchanges();
    expect(wireProblems(all)).toEqual([]);
    const { validated, problems } = await contractProblems(all);
    if (problems.length) console.error(`${problems.length} contract problem(s):\n${problems.join("\n")}`);
    expect(problems).toEqual([]);
    expect(validated).toBeGreaterThan(240);
    // error answers were part of what got validated
    expect(new Set(all.map((e) => e.status))).toEqual(new Set([200, 201, 400, 401, 403, 404, 409, 412, 500]));
  });
});
