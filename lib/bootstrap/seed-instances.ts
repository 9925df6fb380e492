import crypto from "node:crypto";
import fs from "node:fs";
import { z } from "zod";
import { createPrismaClient } from "../db-client";
import { parseEncryptionKey } from "../env-schema";
import { instanceColumns, ZInstanceCreateInput } from "../schemas/instance";
import { encryptSecret } from "../security/secrets";
import { StartupError } from "./embedded-postgres";

/** A file of instances to register at start (the demo uses it; so can a bulk import). Same rules as the form. */
export const ZInstanceSeedFile = z.object({ instances: z.array(ZInstanceCreateInput).max(5000) });

/**
 * Registers (or refreshes, by name) the instances listed in `file`. Secrets are sealed exactly as the app
 * seals them; each change is audited as the system.
 */
export async function seedInstances(opts: { databaseUrl: string; encryptionKey: string; file: string; log: (line: string) => void }): Promise<number> {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(opts.file, "utf8"));
  } catch (e) {
    throw new StartupError(`Cannot read the instance seed file ${opts.file}: ${(e as Error).message}`);
  }
  const parsed = ZInstanceSeedFile.safeParse(raw);
  if (!parsed.success) {
    throw new StartupError(`The instance seed file ${opts.file} is invalid:\n${parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  }
  const key = parseEncryptionKey(opts.encryptionKey)!;
  const db = createPrismaClient(opts.databaseUrl, { max: 2 });
  try {
    for (const input of parsed.data.instances) {
      const existing = await db.harborInstance.findUnique({ where: { name: input.name }, select: { id: true } });
      const id = existing?.id ?? crypto.randomUUID();
      const data = { ...instanceColumns(input), secretCipher: encryptSecret({ current: key }, input.secret, `harbor-instance:${id}:secret`) };
      await db.$transaction(async (tx) => {
        if (existing) await tx.harborInstance.update({ where: { id }, data: { ...data, updatedById: null, version: { increment: 1 } } });
        else await tx.harborInstance.create({ data: { id, ...data } });
        await tx.auditEvent.create({
          data: { actorEmail: "system", action: existing ? "instance.update" : "instance.create", targetType: "instance", targetId: id, targetName: input.name, after: { baseUrl: input.baseUrl, username: input.username, secret: "[set]", source: "seed file" } },
        });
      });
    }
    opts.log(`registered ${parsed.data.instances.length} instance(s) from ${opts.file}`);
    return parsed.data.instances.length;
  } finally {
    await db.$disconnect();
  }
}
