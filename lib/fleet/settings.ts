import "server-only";
import type { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { log } from "../log";
import { ZOutboundAllowList } from "../schemas/settings";
import { recordAudit, type Actor } from "./audit";

/**
 * Console settings (table ConsoleSetting): the only code that reads or writes them. One zod schema per key checks
 * what is written and what is read back; a stored value that no longer parses counts as the default, which for every
 * key is the safe choice (the outbound allow-list: nothing allowed beyond the built-in policy).
 */
const SETTINGS = {
  outboundAllowList: { schema: ZOutboundAllowList, fallback: [] as string[] },
  /** where webhook test deliveries may go beyond public addresses: separate from the Harbors' list (review F5) */
  webhookTestAllowList: { schema: ZOutboundAllowList, fallback: [] as string[] },
} satisfies Record<string, { schema: z.ZodType; fallback: unknown }>;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTINGS)[K]["schema"]>;

export interface SettingDto<K extends SettingKey> {
  key: K;
  value: SettingValue<K>;
  /** null: never saved (the default applies) */
  updatedAt: string | null;
  updatedByEmail: string | null;
}

export async function getSetting<K extends SettingKey>(key: K): Promise<SettingDto<K>> {
  const row = await db.consoleSetting.findUnique({ where: { key } });
  if (!row) return { key, value: fallbackOf(key), updatedAt: null, updatedByEmail: null };
  const by = row.updatedById ? await db.user.findUnique({ where: { id: row.updatedById }, select: { email: true } }) : null;
  return { key, value: readValue(key, row.value), updatedAt: row.updatedAt.toISOString(), updatedByEmail: by?.email ?? null };
}

function readValue<K extends SettingKey>(key: K, stored: unknown): SettingValue<K> {
  const parsed = SETTINGS[key].schema.safeParse(stored);
  if (parsed.success) return parsed.data as SettingValue<K>;
  log.error("console setting unreadable: its default applies", { key });
  return fallbackOf(key);
}

const fallbackOf = <K extends SettingKey>(key: K) => structuredClone(SETTINGS[key].fallback) as SettingValue<K>;

/**
 * Saves a setting and its audit event in one transaction. `expectedUpdatedAt` is the version the editor saw (null:
 * never saved); a change made meanwhile is refused as a conflict instead of being overwritten.
 */
export async function updateSetting<K extends SettingKey>(opts: {
  key: K;
  value: unknown;
  expectedUpdatedAt: string | null;
  actor: Actor;
  requestId: string;
}): Promise<SettingDto<K>> {
  const { key } = opts;
  const parsed = SETTINGS[key].schema.safeParse(opts.value);
  if (!parsed.success) throw new AppError("validation", "The setting is not valid.", { fieldErrors: { value: parsed.error.issues.map((i) => i.message) } });
  const value = parsed.data as Prisma.InputJsonValue;
  const row = await db.$transaction(async (tx) => {
    // Serialises writers of this key, so that the version check below and the write are one step.
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`console-setting:${key}`}))`;
    const before = await tx.consoleSetting.findUnique({ where: { key } });
    if ((before?.updatedAt.toISOString() ?? null) !== opts.expectedUpdatedAt) {
      throw new AppError("conflict", "Someone changed this setting after you opened the page. Reload to see their change, then make yours again.");
    }
    const saved = await tx.consoleSetting.upsert({
      where: { key },
      create: { key, value, updatedById: opts.actor.id },
      update: { value, updatedById: opts.actor.id },
    });
    await recordAudit(tx, {
      actor: opts.actor,
      action: "setting.update",
      targetType: "setting",
      targetId: key,
      targetName: key,
      before: before ? (before.value as Prisma.InputJsonValue) : null,
      after: value,
      requestId: opts.requestId,
    });
    return saved;
  });
  forgetCachedPolicy();
  return { key, value: parsed.data as SettingValue<K>, updatedAt: row.updatedAt.toISOString(), updatedByEmail: opts.actor.email };
}

// -- the outbound policy the transport gets

/** Settings → Outbound connections: the admins' list, and what the server's configuration allows besides. */
export async function getOutboundSettings(): Promise<SettingDto<"outboundAllowList"> & { fromEnv: string[] }> {
  return { ...(await getSetting("outboundAllowList")), fromEnv: env().CONSOLE_OUTBOUND_ALLOW };
}

export interface OutboundPolicyOptions {
  /** CONSOLE_OUTBOUND_ALLOW plus the admins' allow-list */
  allow: string[];
}

/** How long a replica keeps the policy it read: another replica's change applies within this. */
export const OUTBOUND_POLICY_TTL_MS = 30_000;

// On globalThis: the collector (started from instrumentation) and the server actions may load this module twice.
const g = globalThis as unknown as { outboundPolicy?: { at: number; value: Promise<OutboundPolicyOptions> } };

/** The policy for the collector's rounds and the connection tests, read at most every 30 s (at once after a change here). */
export async function getOutboundPolicy(): Promise<OutboundPolicyOptions> {
  const cached = g.outboundPolicy;
  if (cached && Date.now() - cached.at < OUTBOUND_POLICY_TTL_MS) return cached.value;
  const value = getSetting("outboundAllowList").then((s) => ({ allow: [...new Set([...env().CONSOLE_OUTBOUND_ALLOW, ...s.value])] }));
  g.outboundPolicy = { at: Date.now(), value };
  value.catch(() => {
    if (g.outboundPolicy?.value === value) g.outboundPolicy = undefined;
  });
  return value;
}

export function forgetCachedPolicy(): void {
  g.outboundPolicy = undefined;
}

// -- the allow-list of webhook test deliveries

/**
 * Settings → Test deliveries: separate from the Harbors' list, because a test delivery POSTs to an address an
 * operator typed — allowing 127.0.0.1 for a local Harbor must not let operators POST to everything on the console's
 * host. Empty by default: test deliveries reach public addresses only.
 */
export async function getWebhookTestSettings(): Promise<SettingDto<"webhookTestAllowList"> & { fromEnv: string[] }> {
  return { ...(await getSetting("webhookTestAllowList")), fromEnv: env().CONSOLE_WEBHOOK_TEST_ALLOW };
}

/** CONSOLE_WEBHOOK_TEST_ALLOW plus the admins' list, read fresh for every test delivery (an operator's click). */
export async function getWebhookTestPolicy(): Promise<OutboundPolicyOptions> {
  const s = await getSetting("webhookTestAllowList");
  return { allow: [...new Set([...env().CONSOLE_WEBHOOK_TEST_ALLOW, ...s.value])] };
}
