import "server-only";
import type { Dispatcher } from "undici";

/** Wire helpers of the transport: query strings, response headers, size-capped bodies. */

export type QueryValue = string | number | boolean | readonly string[] | undefined;

export function queryString(q: Record<string, QueryValue> | undefined): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(q ?? {})) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(item))}`);
  }
  return parts.length ? `?${parts.join("&")}` : "";
}

export function flatten(h: Dispatcher.ResponseData["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    const key = k.toLowerCase();
    if (v === undefined || key === "set-cookie") continue; // never kept, never replayed
    out[key] = Array.isArray(v) ? v.join(", ") : String(v);
  }
  return out;
}

/** Reads at most `cap` bytes; a bigger body is abandoned (the socket is destroyed) instead of buffered. */
export async function readCapped(res: Dispatcher.ResponseData, cap: number): Promise<{ text: string } | { tooLarge: true } | { error: unknown }> {
  const declared = Number(res.headers["content-length"]);
  if (Number.isFinite(declared) && declared > cap) {
    res.body.destroy();
    return { tooLarge: true };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      size += b.length;
      if (size > cap) {
        res.body.destroy();
        return { tooLarge: true };
      }
      chunks.push(b);
    }
  } catch (error) {
    return { error };
  }
  return { text: Buffer.concat(chunks).toString("utf8") };
}
