import * as z from "zod";
import { ZInstanceId } from "./ids";
import type { NotRepresented } from "../config/adopt-types";
import type { TopologyChange } from "../config/topology-diff";
import { SECRET_PATHS, type SecretPath } from "./topology-secrets";
import type { ConfigIssue } from "./config-issue";
import type { TTopology } from "./topology";

/** revision numbers are PostgreSQL int4 */
const INT4_MAX = 2_147_483_647;
const MAX_UPLOAD_CHARS = 256 * 1024;

/** Server-action inputs of the topology and config tabs. The topology itself is checked by lib/config checkTopology. */
export const ZTopologySaveInput = z.object({
  instanceId: ZInstanceId,
  /** the revision the form was opened on; 0 when the instance had none */
  baseRevision: z.number().int().min(0).max(INT4_MAX),
  /** stored secrets the user chose to remove (an empty field otherwise keeps the stored value) */
  clearSecrets: z.array(z.enum(SECRET_PATHS)).max(SECRET_PATHS.length).default([]),
  message: z.string().trim().max(500, { error: "Keep the message under 500 characters" }).default(""),
  topology: z.unknown(),
});

export const ZConfigDiffInput = z.object({
  instanceId: ZInstanceId,
  revision: z.number().int().min(1).max(INT4_MAX),
  against: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("revision"), revision: z.number().int().min(1).max(INT4_MAX) }),
    z.object({
      kind: z.literal("upload"),
      // 256 KiB (inspectHarborYml's limit) of UTF-16 code units at most; refused here before any work is done
      text: z.string().max(MAX_UPLOAD_CHARS, { error: `The file is larger than ${MAX_UPLOAD_CHARS / 1024} KiB; a harbor.yml is far smaller.` }),
      fileName: z.string().max(255).default("harbor.yml"),
      node: z.string().max(63).optional(),
    }),
  ]),
});
export type TConfigDiffInput = z.input<typeof ZConfigDiffInput>;

export const ZRevisionParam = z.coerce.number().int().min(1).max(INT4_MAX);

/** A revision as pages see it: the topology without secret values, and which secret fields hold one. */
export interface TopologyRevisionDto {
  revision: number;
  harborVersion: string;
  deploymentKind: string;
  message: string;
  createdAt: string;
  createdBy: string;
  topology: TTopology;
  secretsSet: SecretPath[];
  /** adopted from a running Harbor's files: where from, and what of them the topology does not hold */
  adoption: { source: string; notRepresented: NotRepresented[] } | null;
}

export type TopologyRevisionSummary = Omit<TopologyRevisionDto, "topology" | "secretsSet" | "adoption">;

/** What a stale save's conflict carries (ActionResult's `conflict` when `code` is "conflict"). */
export interface TopologyConflict {
  current: TopologyRevisionSummary;
  /** what the revisions saved since the form's base changed, field by field (secrets masked) */
  changes: TopologyChange[];
}

export type SaveTopologyResult =
  /** warnings: what the save must say although it succeeded (a running instance's patch upgrade) */
  { ok: true; revision: TopologyRevisionSummary; warnings?: ConfigIssue[] } | { ok: false; reason: "invalid"; issues: ConfigIssue[] };
