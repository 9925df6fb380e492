import crypto from "node:crypto";
import * as z from "zod";
import { createPrismaClient } from "../db-client";
import { parseEncryptionKey } from "../env-schema";
import { instanceColumns, ZInstanceCreateInput } from "../schemas/instance";
import { parseJsonSafely } from "../config/safe-json";
import { describeAt } from "../config/safe-text";
import { checkTopology } from "../config/validate";
import type { Prisma } from "../generated/prisma/client";
import { stripSecrets } from "../schemas/topology-secrets";
import { readTextFileBounded } from "../security/bounded-file";
import { secretContext } from "../security/secret-context";
import { encryptSecret } from "../security/secrets";
import { generateSharedSecrets } from "../security/shared-secrets";
import { StartupError } from "./embedded-postgres";

/**
 * A file of instances to register at start (the demo uses it; so can a bulk import). Same rules as the form. An
 * instance may bring its topology (a `spec` of topology-as-code, secrets included): recorded as revision 1 if it
 * has none yet, checked like a save.
 */
export const ZInstanceSeedFile = z.object({ instances: z.array(ZInstanceCreateInput.extend({ topology: z.unknown().optional() })).max(5000) });

/** 5,000 instances with full topologies fit in ~25 MB; a topology nests 5 deep inside the file's 3. */
const SEED_FILE_LIMITS = { maxBytes: 32 * 1024 * 1024, maxDepth: 16, maxKeyLength: 256 };

/** The file's JSON, read within SEED_FILE_LIMITS; a StartupError says why not. */
function readSeedFile(file: string): unknown {
  let read: ReturnType<typeof readTextFileBounded>;
  try {
    read = readTextFileBounded(file, SEED_FILE_LIMITS.maxBytes);
  } catch (e) {
    throw new StartupError(`Cannot read the instance seed file ${file}: ${(e as Error).message}`);
  }
  const parsed = read.ok ? parseJsonSafely(read.text, SEED_FILE_LIMITS) : read;
  if (!parsed.ok) throw new StartupError(`Cannot read the instance seed file ${file}: ${describeAt(parsed)}`);
  return parsed.value;
}

/**
 * Registers (or refreshes, by name) the instances listed in `file`. Secrets are sealed exactly as the app
 * seals them; each change is audited as the system.
 */
export async function seedInstances(opts: { databaseUrl: string; encryptionKey: string; file: string; log: (line: string) => void }): Promise<number> {
  const parsed = ZInstanceSeedFile.safeParse(readSeedFile(opts.file));
  if (!parsed.success) {
    throw new StartupError(
      `The instance seed file ${opts.file} is invalid:\n${parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`).join("\n")}`,
    );
  }
  // Every topology is checked before anything is written, so a bad file changes nothing.
  const topologyErrors = parsed.data.instances.flatMap((input) => {
    if (input.topology === undefined) return [];
    const checked = checkTopology(input.topology);
    const errors = checked.issues.filter((i) => i.severity === "error");
    return !checked.topology || errors.length
      ? [`The topology of ${input.name} in ${opts.file} is invalid:\n${errors.map((i) => `  - ${i.field}: ${i.message}`).join("\n")}`]
      : [];
  });
  if (topologyErrors.length) throw new StartupError(topologyErrors.join("\n"));
  const key = parseEncryptionKey(opts.encryptionKey)!;
  const db = createPrismaClient(opts.databaseUrl, { max: 2 });
  try {
    for (const input of parsed.data.instances) {
      const existing = await db.harborInstance.findUnique({ where: { name: input.name }, select: { id: true } });
      const id = existing?.id ?? crypto.randomUUID();
      const data = { ...instanceColumns(input), secretCipher: encryptSecret({ current: key }, input.secret, secretContext("harbor-instance", id, "secret")) };
      await db.$transaction(async (tx) => {
        if (existing) {
          await tx.harborInstance.update({ where: { id }, data: { ...data, updatedById: null, version: { increment: 1 } } });
          // the credential may have changed: the collector checks it afresh (same rule as an edit in the app)
          await tx.instanceStatus.updateMany({
            where: { instanceId: id },
            data: { credentialCheckedAt: null, credentialKind: null, robotExpiry: null, robotExpiresAt: null },
          });
        } else await tx.harborInstance.create({ data: { id, ...data } });
        await tx.auditEvent.create({
          data: {
            actorEmail: "system",
            action: existing ? "instance.update" : "instance.create",
            targetType: "instance",
            targetId: id,
            targetName: input.name,
            after: { baseUrl: input.baseUrl, username: input.username, secret: "[set]", source: "seed file" },
          },
        });
      });
      if (input.topology !== undefined) await seedTopology(db, key, id, input.name, input.topology, opts.file);
    }
    opts.log(`registered ${parsed.data.instances.length} instance(s) from ${opts.file}`);
    return parsed.data.instances.length;
  } finally {
    await db.$disconnect();
  }
}

/** Revision 1 from the seed file, unless the instance already has a topology (a later start changes nothing). */
async function seedTopology(db: ReturnType<typeof createPrismaClient>, key: Buffer, id: string, name: string, input: unknown, file: string): Promise<void> {
  if (await db.topologyRevision.findFirst({ where: { instanceId: id }, select: { id: true } })) return;
  const checked = checkTopology(input);
  const errors = checked.issues.filter((i) => i.severity === "error");
  if (!checked.topology || errors.length) {
    throw new StartupError(`The topology of ${name} in ${file} is invalid:\n${errors.map((i) => `  - ${i.field}: ${i.message}`).join("\n")}`);
  }
  const { topology, secrets } = stripSecrets(checked.topology);
  const shared = await generateSharedSecrets();
  await db.$transaction(async (tx) => {
    await tx.instanceConfigSecrets.createMany({
      data: [{ instanceId: id, cipher: encryptSecret({ current: key }, JSON.stringify(shared), secretContext("config-secrets", id, "shared")) }],
      skipDuplicates: true,
    });
    await tx.topologyRevision.create({
      data: {
        instanceId: id,
        revision: 1,
        topology: topology as unknown as Prisma.InputJsonValue,
        secretsCipher: Object.keys(secrets).length
          ? encryptSecret({ current: key }, JSON.stringify(secrets), secretContext("topology-revision", id, "1"))
          : null,
        harborVersion: topology.harborVersion,
        deploymentKind: topology.deployment.kind,
        message: "from the seed file",
        createdByEmail: "system",
      },
    });
    await tx.auditEvent.create({
      data: {
        actorEmail: "system",
        action: "topology.save",
        targetType: "instance",
        targetId: id,
        targetName: name,
        after: { revision: 1, harborVersion: topology.harborVersion, source: "seed file" },
      },
    });
  });
}
