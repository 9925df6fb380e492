import type { Actor } from "@/lib/fleet/audit";
import { createInstance } from "@/lib/fleet/instances";
import { ZInstanceCreateInput } from "@/lib/schemas/instance";
import type { HarborSim } from "@/test/harbor-sim";

/** Registers each simulated Harbor as a console instance (docker compose, account admin, no CA bundle); their ids by sim id. */
export async function registerSimInstances<S extends { id: string }>(opts: {
  sim: HarborSim;
  specs: S[];
  fields: (s: S) => { name: string; environment: string; secret: string; labels?: string };
  actor: Actor;
  requestId: string;
}): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const s of opts.specs) {
    const made = await createInstance({
      input: ZInstanceCreateInput.parse({
        ...opts.fields(s),
        baseUrl: opts.sim.get(s.id).baseUrl,
        username: "admin",
        caBundle: "",
        deploymentMode: "docker_compose",
      }),
      actor: opts.actor,
      requestId: opts.requestId,
    });
    ids[s.id] = made.id;
  }
  return ids;
}
