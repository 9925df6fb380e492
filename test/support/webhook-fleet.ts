/** The webhook tests' fleet: each simulated Harbor registered as an instance, its webhook inventory read if asked. */
import { expect } from "vitest";
import type { Actor } from "@/lib/fleet/audit";
import { createInstance } from "@/lib/fleet/instances";
import { refreshWebhookInventory } from "@/lib/fleet/webhooks/inventory";
import { ZInstanceCreateInput } from "@/lib/schemas/instance";
import type { HarborSim } from "../harbor-sim";

/**
 * Registers each of `specs` (instances of `sim`), in order, as `<prefix>-<sim id>-<suffix>` (admin / Harbor12345, helm);
 * with `refresh`, reads each one's webhook inventory once (and expects it read). Answers sim id → instance id.
 */
export async function registerWebhookFleet(
  sim: HarborSim,
  specs: readonly { id: string }[],
  o: { prefix: string; suffix: string; actor: Actor; requestId: string; refresh?: boolean },
): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const { id } of specs) {
    const made = await createInstance({
      input: ZInstanceCreateInput.parse({
        name: `${o.prefix}-${id}-${o.suffix}`,
        environment: "staging",
        baseUrl: sim.get(id).baseUrl,
        username: "admin",
        secret: "Harbor12345",
        caBundle: "",
        deploymentMode: "helm",
      }),
      actor: o.actor,
      requestId: o.requestId,
    });
    ids[id] = made.id;
    if (o.refresh) expect((await refreshWebhookInventory({ instanceId: made.id })).ok).toBe(true);
  }
  return ids;
}
