/**
 * Decoding a WebhookPolicy request body the way Go's json.Unmarshal does: unknown fields ignored, missing
 * fields left at their zero value (enabled → false, creator → "", creation_time → NULL), wrong types → 400.
 */
import { error, type SimResponse } from "./http";
import type { Ctx } from "./router";
import type { TargetRec } from "./state";

export interface PolicyInput {
  id: number;
  name: string;
  description: string;
  enabled: boolean;
  eventTypes: string[];
  targets: TargetRec[];
  creator: string;
  creationTime: string | null;
}

type Kind = "string" | "boolean" | "number";

function field<T>(obj: Record<string, unknown>, key: string, kind: Kind, def: T, bad: string[]): T {
  const v = obj[key];
  if (v === undefined || v === null) return def;
  if (typeof v !== kind) {
    bad.push(key);
    return def;
  }
  return v as T;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function readPolicyBody(ctx: Ctx): PolicyInput | SimResponse {
  const { p } = ctx;
  const fail = (detail: string) => error(p, 400, p.swagger ? `parsing policy body from "" failed, because ${detail}` : `invalid json request: ${detail}`);
  if (ctx.bodyInvalid) return fail("invalid character in JSON body");
  if (!isObject(ctx.body))
    return p.swagger && ctx.body === undefined ? error(p, 422, "validation failure list:\npolicy in body is required") : fail("the body must be a JSON object");
  const b = ctx.body;
  const bad: string[] = [];
  const rawEvents = b.event_types ?? [];
  const rawTargets = b.targets ?? [];
  if (!Array.isArray(rawEvents) || rawEvents.some((e) => typeof e !== "string")) bad.push("event_types");
  if (!Array.isArray(rawTargets) || rawTargets.some((t) => !isObject(t))) bad.push("targets");
  const targets = (Array.isArray(rawTargets) ? rawTargets.filter(isObject) : []).map((t) => ({
    type: field(t, "type", "string", "", bad),
    address: field(t, "address", "string", "", bad),
    authHeader: field(t, "auth_header", "string", "", bad),
    skipCertVerify: field(t, "skip_cert_verify", "boolean", false, bad),
    payloadFormat: field(t, "payload_format", "string", "", bad),
  }));
  const creationTime = field<string | null>(b, "creation_time", "string", null, bad);
  if (creationTime !== null && Number.isNaN(Date.parse(creationTime))) bad.push("creation_time");
  const input: PolicyInput = {
    id: field(b, "id", "number", 0, bad),
    name: field(b, "name", "string", "", bad),
    description: field(b, "description", "string", "", bad),
    enabled: field(b, "enabled", "boolean", false, bad),
    eventTypes: Array.isArray(rawEvents) ? rawEvents.filter((e): e is string => typeof e === "string") : [],
    targets,
    creator: field(b, "creator", "string", "", bad),
    creationTime,
  };
  if (bad.length) return fail(`json: cannot unmarshal field ${bad[0]}`);
  return input;
}
