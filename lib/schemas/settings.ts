import * as z from "zod";

/** At most this many allow-list entries: a short list of exceptions, not a routing table. */
export const OUTBOUND_ALLOW_MAX = 64;

/** An IPv4 or IPv6 address or CIDR range in plain notation (no hex, octal or decimal forms). */
export function isAllowEntry(v: string): boolean {
  return [z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()].some((s) => s.safeParse(v).success);
}

export const ZOutboundAllowEntry = z
  .string()
  .trim()
  .min(1, { error: "Enter an address or a range, or remove this row", abort: true })
  .max(64, { error: "At most 64 characters", abort: true })
  .refine(isAllowEntry, { error: "Enter an IP address (127.0.0.1, ::1) or a CIDR range (127.0.0.0/8, fd00::/8)" });

/** The stored setting "outboundAllowList": addresses and ranges allowed beyond the defaults, without duplicates. */
export const ZOutboundAllowList = z
  .array(ZOutboundAllowEntry)
  .max(OUTBOUND_ALLOW_MAX, { error: `At most ${OUTBOUND_ALLOW_MAX} entries` })
  .transform((list) => [...new Set(list)]);

/** The Settings → Outbound connections form (react-hook-form's field arrays hold objects). */
export const ZOutboundSettingsInput = z.object({
  allow: z.array(z.object({ value: ZOutboundAllowEntry })).max(OUTBOUND_ALLOW_MAX, { error: `At most ${OUTBOUND_ALLOW_MAX} entries` }),
  /** when the setting was last saved, as the form saw it: a change made meanwhile is refused, not overwritten */
  expectedUpdatedAt: z.iso.datetime().nullable(),
});
export type TOutboundSettingsInput = z.input<typeof ZOutboundSettingsInput>;

/** "127.0.0.0/8, ::1" → entries (CONSOLE_OUTBOUND_ALLOW, the probe's --allow): comma or space separated. */
export function splitAllowList(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/** A comma/space separated allow-list from configuration; an unreadable entry is named in the error. */
export const ZOutboundAllowText = z
  .string()
  .transform(splitAllowList)
  .pipe(z.array(z.string().refine(isAllowEntry, { error: (i) => `${JSON.stringify(i.input)} is not an IP address or CIDR range (e.g. 127.0.0.0/8, ::1)` })));
