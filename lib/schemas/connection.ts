import { z } from "zod";
import { ZInstanceBase } from "./instance";

/** One line of a connection report: what was checked, whether it passed, and what to do about it. */
export interface ConnectionCheck {
  label: string;
  status: "ok" | "warning" | "failed" | "skipped";
  detail: string;
}

/** What "Test connection" shows (and the probe CLI prints). Never holds a secret. */
export interface ConnectionReportDto {
  /** reachable, and the credential is valid */
  ok: boolean;
  testedAt: string;
  baseUrl: string;
  latencyMs: number | null;
  harborVersion: string | null;
  apiGeneration: string | null;
  generationLabel: string | null;
  credential: "valid" | "invalid" | "unknown";
  accountKind: "user" | "robot" | null;
  sysadmin: boolean | null;
  checks: ConnectionCheck[];
}

/** Test a saved instance, or the unsaved values of the add/edit form (an empty secret with an id uses the stored one). */
export const ZConnectionTestInput = z.union([
  z.object({ instanceId: z.uuid() }),
  ZInstanceBase.pick({ baseUrl: true, username: true, caBundle: true, skipTlsVerify: true }).extend({
    id: z.uuid().optional(),
    secret: z.string().max(1024).default(""),
  }),
]);
export type TConnectionTestInput = z.input<typeof ZConnectionTestInput>;
