import * as z from "zod";
import { ZInstanceId } from "./ids";
import type { ConnectionReportDto } from "./connection";

import { DEPLOYMENT_MODES, ENVIRONMENTS, INSTANCE_LIFECYCLES, type InstanceLifecycle } from "./instance-constants";

export { DEPLOYMENT_MODE_LABEL, DEPLOYMENT_MODES, ENVIRONMENTS, INSTANCE_LIFECYCLES, type InstanceLifecycle } from "./instance-constants";

const NAME = /^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$/;
const LABEL_KEY = /^[A-Za-z0-9]([A-Za-z0-9._/-]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^[A-Za-z0-9._:/-]{0,63}$/;
// One lazy class between the markers, never `\s*` next to a class that also matches whitespace: that shape
// backtracks quadratically (2,000 spaces without an END line took a second, 8,000 took 70 s).
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]*?)-----END CERTIFICATE-----/g;

/** Splits "region=eu, team=platform" (commas or new lines) into ["region=eu", "team=platform"], validating each. */
export function parseLabels(text: string): { labels: string[]; error?: string } {
  const items = text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  const seen = new Set<string>();
  const labels: string[] = [];
  for (const item of items) {
    const eq = item.indexOf("=");
    if (eq <= 0) return { labels, error: `"${item}" is not key=value` };
    const key = item.slice(0, eq).trim();
    const value = item.slice(eq + 1).trim();
    if (!LABEL_KEY.test(key)) return { labels, error: `"${key}" is not a valid label key (letters, digits, . _ / -; up to 63)` };
    if (!LABEL_VALUE.test(value)) return { labels, error: `the value of "${key}" may only hold letters, digits and . _ : / - (up to 63)` };
    if (seen.has(key)) return { labels, error: `label "${key}" is given twice` };
    seen.add(key);
    labels.push(`${key}=${value}`);
  }
  if (labels.length > 20) return { labels, error: "at most 20 labels" };
  return { labels };
}

/** Checks the PEM's shape (client-safe); the server also parses each certificate. */
export function pemBlocks(text: string): string[] | null {
  const trimmed = text.trim();
  const matches = [...trimmed.matchAll(PEM_BLOCK)];
  if (matches.length === 0 || matches.some((m) => m[1].replace(/\s/g, "").length === 0)) return null;
  const blocks = matches.map((m) => m[0]);
  const leftover = trimmed.replace(PEM_BLOCK, "").trim();
  if (leftover.length > 0) return null;
  return blocks;
}

export function normalizeBaseUrl(raw: string): string {
  return raw.trim().replace(/\/+$/, "");
}

const ZBaseUrl = z
  .string()
  .trim()
  .min(1, { error: "Enter the Harbor URL, e.g. https://harbor.example.com" })
  .max(2048, { error: "At most 2048 characters" })
  .pipe(z.url({ protocol: /^https?$/, error: "Enter a full http:// or https:// URL, e.g. https://harbor.example.com" }))
  .transform(normalizeBaseUrl)
  .superRefine((url, ctx) => {
    const u = new URL(url);
    if (u.search || u.hash || /[?#]/.test(url)) ctx.addIssue({ code: "custom", message: "The URL must not have a query or fragment" });
    if (/\/api(\/v2\.0)?$/.test(u.pathname.replace(/\/+$/, ""))) {
      ctx.addIssue({ code: "custom", message: "Give Harbor's base URL without /api — the console finds the API itself" });
    }
    if (u.username || u.password) ctx.addIssue({ code: "custom", message: "Put credentials in the username and secret fields, not in the URL" });
  });

/** Fields shared by the add and edit forms (and their server actions). */
export const ZInstanceBase = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: "Give the instance a name" })
    .max(63, { error: "At most 63 characters" })
    .regex(NAME, { error: "Lowercase letters, digits, '.', '_' and '-', starting and ending with a letter or digit" }),
  description: z.string().trim().max(500, { error: "At most 500 characters" }).default(""),
  environment: z.enum(ENVIRONMENTS, { error: "Choose an environment" }),
  labels: z
    .string()
    .max(4096, { error: "At most 4096 characters" })
    .default("")
    .superRefine((text, ctx) => {
      const { error } = parseLabels(text);
      if (error) ctx.addIssue({ code: "custom", message: error });
    }),
  baseUrl: ZBaseUrl,
  username: z
    .string()
    .trim()
    .min(1, { error: "Enter the user or robot account name, e.g. robot$fleet-console" })
    .max(255, { error: "At most 255 characters" })
    .regex(/^\S+$/, { error: "The username cannot contain spaces" }),
  caBundle: z
    .string()
    .max(256 * 1024, { error: "At most 256 KiB of PEM" })
    .default("")
    .transform((s) => s.trim())
    .superRefine((pem, ctx) => {
      if (pem && !pemBlocks(pem)) {
        ctx.addIssue({
          code: "custom",
          message: "Paste one or more PEM certificates (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----) and nothing else",
        });
      }
    }),
  skipTlsVerify: z.boolean().default(false),
  deploymentMode: z.enum(DEPLOYMENT_MODES, { error: "Choose how this Harbor is deployed" }),
});

export const ZInstanceCreateInput = ZInstanceBase.extend({
  secret: z.string().min(1, { error: "Enter the password or robot secret" }).max(1024, { error: "At most 1024 characters" }),
});
export type TInstanceCreate = z.output<typeof ZInstanceCreateInput>;

/** Editing: an empty secret keeps the stored one; `version` guards against overwriting someone else's edit. */
export const ZInstanceUpdateInput = ZInstanceBase.extend({
  id: ZInstanceId,
  version: z.coerce.number().int().min(1),
  secret: z.string().max(1024, { error: "At most 1024 characters" }).default(""),
});
export type TInstanceUpdateInput = z.input<typeof ZInstanceUpdateInput>;
export type TInstanceUpdate = z.output<typeof ZInstanceUpdateInput>;

export const ZInstanceDeleteInput = z.object({ id: ZInstanceId, name: z.string().max(255) });

/** Marking an instance planned or running (planned only while the collector never reached it; the server checks). */
export const ZInstanceLifecycleInput = z.object({ id: ZInstanceId, lifecycle: z.enum(INSTANCE_LIFECYCLES, { error: "Choose planned or running" }) });

/** Search params of the instances list; bad values are dropped with a notice, never an error page. */
export const ZInstanceListParams = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  environment: z.enum(ENVIRONMENTS).optional(),
  label: z
    .string()
    .trim()
    .max(200)
    .regex(/^[^=\s,]+(=[^=\s,]*)?$/)
    .optional(),
  page: z.coerce.number().int().min(1).max(100000).optional().default(1),
});
export type TInstanceListParams = z.output<typeof ZInstanceListParams>;

/** The database columns of a validated add/edit (labels split into pairs and keys); shared by the app and the seed file. */
export function instanceColumns(input: Omit<TInstanceCreate, "secret">) {
  const labels = parseLabels(input.labels).labels;
  return {
    name: input.name,
    description: input.description,
    environment: input.environment,
    labels,
    labelKeys: labels.map((l) => l.slice(0, l.indexOf("="))),
    baseUrl: input.baseUrl,
    username: input.username,
    caBundle: input.caBundle || null,
    skipTlsVerify: input.skipTlsVerify,
    deploymentMode: input.deploymentMode,
  };
}

/** What pages and JSON may carry about an instance: never the secret itself. */
export interface InstanceDto {
  id: string;
  name: string;
  description: string;
  environment: "production" | "staging" | "development" | "other";
  labels: string[];
  baseUrl: string;
  username: string;
  secretSet: boolean;
  caBundle: string | null;
  skipTlsVerify: boolean;
  deploymentMode: "docker_compose" | "helm";
  /** planned until the collector first reaches it (reachedAt); lib/config/lifecycle.ts */
  lifecycle: InstanceLifecycle;
  reachedAt: string | null;
  version: number;
  /** cached by the last connection test */
  harborVersion: string | null;
  apiGeneration: string | null;
  detectedAt: string | null;
  connectionTest: ConnectionReportDto | null;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  updatedBy: string | null;
}
