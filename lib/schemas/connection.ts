import * as z from "zod";
import { ZInstanceId } from "./ids";
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

/**
 * Test a saved instance, with what is stored for it (operators and admins). Strict: any other key is refused,
 * so no input can be read as both this and a draft.
 */
export const ZSavedConnectionTestInput = z.strictObject({ instanceId: ZInstanceId });
export type TSavedConnectionTestInput = z.input<typeof ZSavedConnectionTestInput>;

/**
 * Test the unsaved values of the add/edit form (admins only). With `id` and an empty secret the stored secret is
 * used, but only towards the URL and TLS trust it was saved with (lib/security/secret-binding.ts).
 */
export const ZDraftConnectionTestInput = z.strictObject({
  ...ZInstanceBase.pick({ baseUrl: true, username: true, caBundle: true, skipTlsVerify: true }).shape,
  id: ZInstanceId.optional(),
  secret: z.string().max(1024, { error: "At most 1024 characters" }).default(""),
});
export type TDraftConnectionTestInput = z.input<typeof ZDraftConnectionTestInput>;
export type TDraftConnectionTest = z.output<typeof ZDraftConnectionTestInput>;
