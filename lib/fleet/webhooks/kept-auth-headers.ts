import { AppError } from "../../errors";
import type { TWebhookTargetFields } from "../../schemas/webhook";

/** The stored target's fields this rule reads (Harbor's wire names). */
type StoredTarget = { type: string; address: string; auth_header?: string | null };

export const ADDRESS_CHANGED = "The address changed: type the auth header again, or clear it.";

/**
 * The auth header each submitted target gets on update: typed → that; "clear" → none; empty → the stored header of
 * the SAME target (found by the type and address it had when the form was loaded, never by position), kept only while
 * its type and address stay exactly the same — a secret never follows a target to a new receiver (SECURITY.md:
 * change the URL ⇒ type the secret again). Otherwise a field error on that target's auth header.
 * A target without `original` keeps the header of a stored target with exactly its type and address, if any.
 */
export function keptAuthHeaders(targets: TWebhookTargetFields[], stored: StoredTarget[]): (string | null)[] {
  const fieldErrors: Record<string, string[]> = {};
  const out = targets.map((t, i) => {
    if (t.clearAuthHeader) return null;
    if (t.authHeader) return t.authHeader;
    const address = t.address.trim();
    const from = t.original
      ? stored.find((s) => s.type === t.original!.type && s.address.trim() === t.original!.address.trim())
      : stored.find((s) => s.type === t.type && s.address.trim() === address);
    if (!from?.auth_header) return null;
    if (from.type === t.type && from.address.trim() === address) return from.auth_header;
    fieldErrors[`targets.${i}.authHeader`] = [ADDRESS_CHANGED];
    return null;
  });
  if (Object.keys(fieldErrors).length)
    throw new AppError(
      "validation",
      `${ADDRESS_CHANGED} (${Object.keys(fieldErrors)
        .map((k) => `target ${Number(k.split(".")[1]) + 1}`)
        .join(", ")})`,
      { fieldErrors },
    );
  return out;
}
