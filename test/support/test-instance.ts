/** An instance registered for a test that needs one in the database (its Harbor is not reached unless the test says where). */
import type * as z from "zod";
import type { Actor } from "@/lib/fleet/audit";
import { createInstance } from "@/lib/fleet/instances";
import { ZInstanceCreateInput } from "@/lib/schemas/instance";

type Fields = Partial<z.input<typeof ZInstanceCreateInput>>;

/** Registers `name` (staging, helm, an unreachable URL, credential u / s unless `fields` say otherwise); answers its id. */
export async function testInstance(name: string, fields: Fields = {}, o: { actor?: Actor; requestId?: string } = {}): Promise<string> {
  const created = await createInstance({
    input: ZInstanceCreateInput.parse({
      name,
      environment: "staging",
      baseUrl: "https://127.0.0.1:9/h",
      username: "u",
      secret: "s",
      deploymentMode: "helm",
      ...fields,
    }),
    actor: o.actor ?? { id: null, email: "t@example.com" },
    requestId: o.requestId ?? "t",
  });
  return created.id;
}
