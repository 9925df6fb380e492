/**
 * The Projects tab and project webhooks against the simulator (test/integration/project-webhooks.test.ts and its
 * suites in project-webhooks/): one Harbor per version, each registered as an instance, and the inputs and checks
 * the tests share.
 */
import { afterAll, beforeAll, expect } from "vitest";
import { AppError } from "@/lib/errors";
import { webhookEventTypes } from "@/lib/harbor/facts";
import { parseHarborVersion } from "@/lib/releases";
import { EMPTY_TARGET, type TWebhookCreateInput } from "@/lib/schemas/webhook";
import { startHarborSim, type HarborSim, type RecordedExchange, type SimInstanceSpec } from "@/test/harbor-sim";
import { registerSimInstances } from "./sim-instances";

export const VERSIONS = ["1.9.4", "1.10.19", "2.0.0", "2.5.6", "2.7.4", "2.8.6", "2.11.2", "2.15.2"];
export const SECRET = "Bearer pr0ject-hook-s3cret";
export const actor = { id: null, email: "project-webhooks@example.com" };
export const suffix = Math.random().toString(36).slice(2, 7);

export function spec(version: string, id = version, password = "Harbor12345"): SimInstanceSpec & { password: string } {
  const v = parseHarborVersion(version)!;
  const events = webhookEventTypes(v);
  return {
    id,
    version,
    password,
    projects: [
      { name: "library", public: true, repoCount: 3 },
      // a name that looks like a project id: must be sent with X-Is-Resource-Name (or resolved to its id)
      { name: "2024", repoCount: 7 },
      ...Array.from({ length: 30 }, (_, i) => ({ name: `proj-${String(i).padStart(2, "0")}`, repoCount: i })),
    ],
    policies: [
      {
        project: "library",
        name: "library-hook",
        eventTypes: [events[0]],
        targets: [{ type: "http", address: "https://hooks.example.com/library", authHeader: "Bearer seeded" }],
      },
    ],
  };
}

let sim: HarborSim;
export const ids: Record<string, string> = {};

/** Starts the simulator (eight versions and one Harbor registered with a wrong password), registers each as an instance, and stops it after the file. */
export function setUpProjectWebhookSim(): void {
  beforeAll(async () => {
    const specs = [...VERSIONS.map((v) => spec(v)), spec("2.11.2", "badcred")];
    sim = await startHarborSim({ record: true, instances: specs });
    Object.assign(
      ids,
      await registerSimInstances({
        sim,
        specs,
        fields: (s) => ({ name: `wh-${s.id}-${suffix}`, environment: "staging", secret: s.id === "badcred" ? "wrong-password" : s.password }),
        actor,
        requestId: "project-webhooks-test",
      }),
    );
  }, 60_000);
  afterAll(() => sim?.stop());
}

/** Every exchange the simulator recorded so far. */
export const simExchanges = (): RecordedExchange[] => sim.exchanges;

export const policyInput = (instanceId: string, over: Partial<TWebhookCreateInput> = {}): TWebhookCreateInput => ({
  instanceId,
  project: "2024",
  name: "ci-push",
  description: "made by the test",
  enabled: true,
  eventTypes: [],
  targets: [{ ...EMPTY_TARGET, address: "https://ci.example.com/hook", authHeader: SECRET }],
  ...over,
});

export async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

export const ctx = { actor, requestId: "project-webhooks-test" };
