import * as z from "zod";
import { ZInstanceId } from "./ids";
import { MAX_ADOPT_FILES, type AdoptError, type NodeDifference, type NotRepresented } from "../config/adopt-types";
import type { TopologyChange } from "../config/topology-diff";
import type { ConfigIssue } from "./config-issue";

/** revision numbers are PostgreSQL int4 */
const INT4_MAX = 2_147_483_647;
/** one file: harbor.yml's own bound (256 KiB) in UTF-16 code units */
const MAX_FILE_CHARS = 256 * 1024;
/** all files together: within the server-action body limit (600 KB, lib/security/request-body.ts) with room for JSON escapes */
export const MAX_ADOPT_TOTAL_CHARS = 480 * 1024;

const fileName = z.string().trim().min(1).max(255);
const text = z.string().max(MAX_FILE_CHARS, { error: `The file is larger than ${MAX_FILE_CHARS / 1024} KiB; a harbor.yml or values file is far smaller.` });

export const ZAdoptFiles = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("harbor-yml"),
    files: z
      .array(z.object({ file: fileName, text, node: z.object({ name: z.string().trim().max(63), address: z.string().trim().max(253) }).optional() }))
      .min(1, { error: "Upload the harbor.yml of at least one node." })
      .max(MAX_ADOPT_FILES, { error: `At most ${MAX_ADOPT_FILES} nodes' files at once.` })
      .refine((fs) => fs.reduce((n, f) => n + f.text.length, 0) <= MAX_ADOPT_TOTAL_CHARS, {
        error: `The files hold more than ${MAX_ADOPT_TOTAL_CHARS / 1024} KiB together; upload each node's harbor.yml only.`,
      }),
  }),
  z.object({
    kind: z.literal("helm"),
    file: fileName,
    text,
    chartVersion: z.string().trim().min(1, { error: "Enter the chart version (helm list shows it, e.g. harbor-1.15.2 → 1.15.2)." }).max(32),
  }),
]);
export type TAdoptFiles = z.input<typeof ZAdoptFiles>;

export const ZAdoptPreviewInput = z.object({ instanceId: ZInstanceId, upload: ZAdoptFiles });

export const ZAdoptSaveInput = ZAdoptPreviewInput.extend({
  /** the revision the preview was made against; 0 when the instance had none */
  baseRevision: z.number().int().min(0).max(INT4_MAX),
  message: z.string().trim().max(500, { error: "Keep the message under 500 characters" }).default(""),
});

/** What the Adopt panel shows before saving: never a secret value. */
export type AdoptPreview =
  | { ok: false; errors: AdoptError[] }
  | {
      ok: true;
      source: string;
      harborVersion: string;
      /** the revision the diff is against; 0 when the instance has none */
      baseRevision: number;
      changes: TopologyChange[];
      nodeDifferences: NodeDifference[];
      notRepresented: NotRepresented[];
      warnings: string[];
      /** what the save's check says (errors block the save, at the field) */
      issues: ConfigIssue[];
    };
