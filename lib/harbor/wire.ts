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

/**
 * Reads at most `cap` bytes; a bigger body is abandoned (the socket is destroyed) instead of buffered. Plain stream
 * events rather than an async iterator: it runs for every answer of every poll.
 */
const ignore = () => {};

export function readCapped(res: Dispatcher.ResponseData, cap: number): Promise<{ text: string } | { tooLarge: true } | { error: unknown }> {
  const declared = Number(res.headers["content-length"]);
  if (Number.isFinite(declared) && declared > cap) {
    res.body.destroy();
    return Promise.resolve({ tooLarge: true });
  }
  return new Promise((resolve) => {
    const body = res.body;
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (r: { text: string } | { tooLarge: true } | { error: unknown }) => {
      // The error listener stays (as a no-op): destroying an unfinished body makes undici emit an abort error,
      // which without a listener would be an uncaught exception.
      body.off("data", onData).off("end", onEnd).off("close", onClose).off("error", onError).on("error", ignore);
      resolve(r);
    };
    const onData = (chunk: Buffer | Uint8Array) => {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      size += b.length;
      if (size > cap) {
        done({ tooLarge: true });
        body.destroy();
        return;
      }
      chunks.push(b);
    };
    const onEnd = () => done({ text: chunks.length === 1 ? chunks[0].toString("utf8") : Buffer.concat(chunks).toString("utf8") });
    const onError = (error: unknown) => done({ error });
    // destroyed without an error or an end (e.g. the request was aborted): report it like a cut-off body
    const onClose = () => done({ error: Object.assign(new Error("the response body was closed before its end"), { code: "UND_ERR_ABORTED" }) });
    body.on("data", onData).once("end", onEnd).once("error", onError).once("close", onClose);
  });
}
