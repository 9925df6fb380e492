import "server-only";
import { Agent, request, type Dispatcher } from "undici";
import { OUTBOUND_REFUSED } from "./error-mapping";
import { guardedConnector, type OutboundOptions, type OutboundRefusedError } from "./outbound";
import { redactSecret, secretForms } from "./redact-secret";
import type { SamplePayload } from "./sample-payload";
import type { TestDeliveryDto } from "../schemas/webhook-dto";

/**
 * A test delivery: the console POSTs a sample payload to a webhook target from its own network position. Guarded
 * against SSRF: the outbound policy with private ranges refused too (only an admin's allow-list opens any of them),
 * checked on the address actually dialled (after DNS, every address of a name); redirects are reported, never
 * followed; the answer is read up to a cap and the time bounded. The auth header sent never comes back: every form
 * of it is masked in the excerpt and the headers (an echoing receiver would otherwise reveal it).
 */

export const TEST_DELIVERY_LIMITS = { connectTimeoutMs: 5_000, timeoutMs: 10_000, maxBodyBytes: 64 * 1024, excerptChars: 2_048 };

/** What a delivery brought back: the DTO pages show (lib/schemas/webhook-dto.ts). */
export type TestDeliveryResult = TestDeliveryDto;

export async function sendTestDelivery(o: {
  url: string;
  payload: SamplePayload;
  authHeader?: string | null;
  skipCertVerify?: boolean;
  outbound: Pick<OutboundOptions, "allow" | "resolve">;
  /** more request headers (a redelivery marks itself); they never replace Content-Type or Authorization */
  headers?: Record<string, string>;
  /** "redelivery": said in the User-Agent, so that a receiver's log tells it from Harbor's own delivery */
  purpose?: "test delivery" | "redelivery";
  limits?: Partial<typeof TEST_DELIVERY_LIMITS>;
  /** for tests: the dispatcher replaces the guarded one (its own policy applies) */
  dispatcher?: Dispatcher;
}): Promise<TestDeliveryResult> {
  const lim = { ...TEST_DELIVERY_LIMITS, ...o.limits };
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const empty = { status: null, headers: {}, excerpt: "", truncated: false };
  let url: URL;
  try {
    url = new URL(o.url);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("scheme");
  } catch {
    return { ...empty, ok: false, latencyMs: 0, error: `"${o.url}" is not an http:// or https:// URL.`, refused: true };
  }
  const agent =
    o.dispatcher ??
    new Agent({
      connect: guardedConnector({ timeout: lim.connectTimeoutMs, rejectUnauthorized: !o.skipCertVerify }, { ...o.outbound, refusePrivate: true }),
      headersTimeout: lim.timeoutMs,
      bodyTimeout: lim.timeoutMs,
    });
  const signal = AbortSignal.timeout(lim.timeoutMs);
  try {
    const headers: Record<string, string> = {
      ...o.headers,
      "content-type": o.payload.contentType,
      "user-agent": `harbor-fleet-console (${o.purpose ?? "test delivery"})`,
    };
    if (o.authHeader) headers.authorization = o.authHeader;
    // undici's request() never follows redirects (no redirect interceptor is installed)
    const res = await request(url, { method: "POST", headers, body: o.payload.body, dispatcher: agent, signal });
    const { text, truncated } = await readPrefix(res, lim.maxBodyBytes);
    const secrets = secretForms(o.authHeader);
    const redacted = redactSecret(text, secrets, truncated);
    const out = {
      status: res.statusCode,
      headers: flatten(res.headers, secrets),
      excerpt: redacted.slice(0, lim.excerptChars),
      truncated: truncated || redacted.length > lim.excerptChars,
      latencyMs: elapsed(),
      refused: false,
    };
    if (res.statusCode >= 300 && res.statusCode < 400) {
      return {
        ...out,
        ok: false,
        error: `The receiver answered with a redirect (HTTP ${res.statusCode}${out.headers.location ? ` to ${out.headers.location}` : ""}); the console does not follow redirects, and neither does Harbor — use the final address.`,
      };
    }
    return { ...out, ok: res.statusCode >= 200 && res.statusCode < 300, error: null };
  } catch (err) {
    return { ...empty, ok: false, latencyMs: elapsed(), ...describe(err, url, signal.aborted, lim.timeoutMs) };
  } finally {
    if (!o.dispatcher) await agent.close().catch(() => {});
  }
}

function flatten(h: Dispatcher.ResponseData<unknown>["headers"], secrets: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined || k.toLowerCase() === "set-cookie") continue;
    out[k.toLowerCase()] = redactSecret(Array.isArray(v) ? v.join(", ") : String(v), secrets).slice(0, 1_000);
  }
  return out;
}

/** The first `cap` bytes of the body; the rest is not read (the connection is dropped). */
async function readPrefix(res: Dispatcher.ResponseData<unknown>, cap: number): Promise<{ text: string; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    chunks.push(b);
    size += b.length;
    if (size > cap) {
      res.body.destroy();
      return { text: Buffer.concat(chunks).subarray(0, cap).toString("utf8"), truncated: true };
    }
  }
  return { text: Buffer.concat(chunks).toString("utf8"), truncated: false };
}

function describe(err: unknown, url: URL, timedOut: boolean, timeoutMs: number): { error: string; refused: boolean } {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const x = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (x.code === OUTBOUND_REFUSED && typeof x.message === "string")
      return { error: `Refused: ${refusalText(x as Partial<OutboundRefusedError>)}`, refused: true };
    e = x.cause;
  }
  const code = String((err as { code?: unknown })?.code ?? (err as { cause?: { code?: unknown } })?.cause?.code ?? "");
  const host = url.host;
  if (timedOut || /TIMEOUT/.test(code)) return { error: `${host} did not answer within ${timeoutMs / 1000} s.`, refused: false };
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return { error: `The host name ${url.hostname} could not be resolved (DNS).`, refused: false };
  if (code === "ECONNREFUSED") return { error: `Connection refused by ${host}.`, refused: false };
  if (/CERT|SSL|TLS|SELF_SIGNED/.test(code)) return { error: `The TLS certificate of ${host} was not accepted (${code}).`, refused: false };
  const msg = err instanceof Error ? err.message : String(err);
  return { error: `The delivery to ${host} failed: ${msg}`, refused: false };
}

/**
 * Why a test delivery was refused, without what a name resolves to: an operator must not learn the console's internal
 * addresses by typing names ("db.internal resolves to a private address").
 */
function refusalText(e: Partial<OutboundRefusedError>): string {
  const subject = e.hostname && e.hostname !== e.address ? `${e.hostname} resolves to ${e.what}` : `${e.address} is ${e.what}`;
  return `${subject}; test deliveries do not go there unless an admin allows it in Settings → Test deliveries.`;
}
