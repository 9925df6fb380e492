/**
 * Validates recorded HTTP exchanges against Harbor's official Swagger 2.0 specs: swagger-parser loads and
 * dereferences a spec, Ajv (JSON Schema draft-04, the dialect of Swagger 2.0) validates parameters and
 * bodies. This file only wires the two together: which spec, which operation, which schema.
 */
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import type { OpenAPIV2 } from "openapi-types";
import type { RecordedExchange } from "../harbor-sim/types";

const SPEC_DIR = path.join(__dirname, "specs");

/** The spec tags the contract tests run against, and the files each one serves. */
export const SPEC_FILES: Record<string, string[]> = {
  "1.9.4": ["harbor-v1.9.4-swagger.yaml"],
  "1.10.19": ["harbor-v1.10.19-swagger.yaml"],
  "2.0.0": ["harbor-v2.0.0-swagger.yaml", "harbor-v2.0.0-legacy_swagger.yaml"],
  "2.5.6": ["harbor-v2.5.6-swagger.yaml", "harbor-v2.5.6-legacy_swagger.yaml"],
  "2.7.4": ["harbor-v2.7.4-swagger.yaml", "harbor-v2.7.4-legacy_swagger.yaml"],
  "2.8.6": ["harbor-v2.8.6-swagger.yaml"],
  "2.11.2": ["harbor-v2.11.2-swagger.yaml"],
  "2.15.2": ["harbor-v2.15.2-swagger.yaml"],
};

type Operation = OpenAPIV2.OperationObject;
type Parameter = OpenAPIV2.Parameter;

interface Route {
  template: string;
  regex: RegExp;
  names: string[];
  /** number of literal segments: more literal wins when two templates match */
  literal: number;
  methods: Record<string, { op: Operation; params: Parameter[] }>;
}

export interface LoadedSpec {
  tag: string;
  basePath: string;
  routes: Route[];
  /** the generic error schema (2.x `Errors`), for statuses the spec omits */
  errorsSchema?: OpenAPIV2.SchemaObject;
}

const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes: false, validateFormats: true });
addFormats(ajv);
// Swagger 2.0's own formats: numeric widths and opaque strings.
ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
ajv.addFormat("int", { type: "number", validate: (n: number) => Number.isInteger(n) }); // used by the 1.10 spec
for (const f of ["float", "double"]) ajv.addFormat(f, { type: "number", validate: () => true });
for (const f of ["byte", "binary", "password"]) ajv.addFormat(f, () => true);
const paramAjv = new Ajv({ strict: false, allErrors: true, coerceTypes: "array" });
addFormats(paramAjv);
paramAjv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) });
paramAjv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });

const cache = new Map<string, Promise<LoadedSpec>>();

export function loadSpec(tag: string): Promise<LoadedSpec> {
  let p = cache.get(tag);
  if (!p) {
    p = load(tag);
    cache.set(tag, p);
  }
  return p;
}

async function load(tag: string): Promise<LoadedSpec> {
  const files = SPEC_FILES[tag];
  if (!files) throw new Error(`no spec for ${tag}`);
  const routes: Route[] = [];
  let basePath = "";
  let errorsSchema: OpenAPIV2.SchemaObject | undefined;
  for (const file of files) {
    const api = (await SwaggerParser.dereference(path.join(SPEC_DIR, file))) as OpenAPIV2.Document;
    basePath = api.basePath ?? "";
    errorsSchema ??= api.definitions?.Errors as OpenAPIV2.SchemaObject | undefined;
    for (const [template, item] of Object.entries(api.paths)) {
      const names: string[] = [];
      const regex = new RegExp(
        "^" + template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{([^}]+)\}/g, (_, n: string) => (names.push(n), "([^/]+)")) + "/?$",
      );
      let route = routes.find((r) => r.template === template);
      if (!route) {
        route = { template, regex, names, literal: template.split("/").filter((s) => s && !s.startsWith("{")).length, methods: {} };
        routes.push(route);
      }
      const shared = (item.parameters ?? []) as Parameter[];
      for (const method of ["get", "put", "post", "delete", "head", "patch"] as const) {
        const op = item[method];
        if (!op) continue;
        const own = (op.parameters ?? []) as Parameter[];
        const params = [...own, ...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in))];
        route.methods[method] = { op, params };
      }
    }
  }
  // The 2.0.0 spec declares `Errors` as a bare array, but the 2.0 server (and every later spec) answers
  // {"errors":[{code,message}]} (docs/harbor/api.md §3): judge omitted statuses by the shape the server really sends.
  if (basePath !== "/api" && errorsSchema?.type !== "object" && tag !== "2.15.2") errorsSchema = (await loadSpec("2.15.2")).errorsSchema;
  return { tag, basePath, routes, errorsSchema };
}

/** What the validator reads of an exchange: the simulator's recording, without its bookkeeping. */
export type Exchange = Pick<RecordedExchange, "method" | "path" | "query" | "requestHeaders" | "requestBody" | "status" | "responseHeaders" | "responseBody">;

export function findOperation(spec: LoadedSpec, method: string, fullPath: string) {
  if (!fullPath.startsWith(spec.basePath)) return null;
  const p = fullPath.slice(spec.basePath.length) || "/";
  const m = method.toLowerCase();
  const hits = spec.routes
    .map((r) => ({ r, match: r.regex.exec(p) }))
    .filter((h): h is { r: Route; match: RegExpExecArray } => Boolean(h.match) && Boolean(h.r.methods[m]))
    .sort((a, b) => b.r.literal - a.r.literal);
  if (!hits.length) return null;
  const { r, match } = hits[0];
  const pathParams = Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(match[i + 1])]));
  return { template: r.template, ...r.methods[m], pathParams };
}

function paramSchema(p: Parameter): object {
  const { type, format, enum: en, maximum, minimum, items, maxLength, minLength, pattern } = p as OpenAPIV2.GeneralParameterObject;
  return Object.fromEntries(
    Object.entries({ type, format, enum: en, maximum, minimum, items, maxLength, minLength, pattern }).filter(([, v]) => v !== undefined),
  );
}

/** Headers a client may always send: transport-level ones, and the request id the issue requires on every call. */
const ALWAYS_OK_HEADERS = new Set([
  "authorization",
  "x-request-id",
  "accept",
  "content-type",
  "content-length",
  "user-agent",
  "host",
  "connection",
  "accept-encoding",
  "accept-language",
  "sec-fetch-mode",
]);

/** Problems with the request: unknown operation, parameters the spec lacks, missing required ones, invalid values or body. */
export function validateRequest(spec: LoadedSpec, ex: Exchange): string[] {
  const op = findOperation(spec, ex.method, ex.path);
  if (!op) return [`${ex.method} ${ex.path}: no such operation in the ${spec.tag} spec`];
  const where = `${ex.method} ${op.template} (${spec.tag})`;
  const errors: string[] = [];
  const byIn = (kind: string) => op.params.filter((p) => p.in === kind);
  for (const name of Object.keys(ex.query)) {
    if (!byIn("query").some((p) => p.name === name)) errors.push(`${where}: query parameter "${name}" is not in the spec`);
  }
  for (const name of Object.keys(ex.requestHeaders)) {
    const lower = name.toLowerCase();
    if (ALWAYS_OK_HEADERS.has(lower)) continue;
    if (lower === "cookie") errors.push(`${where}: the client sent a Cookie header`);
    else if (!byIn("header").some((p) => p.name.toLowerCase() === lower)) errors.push(`${where}: header "${name}" is not in the spec`);
  }
  const sources: Record<string, Record<string, unknown>> = {
    path: op.pathParams,
    query: ex.query,
    header: Object.fromEntries(Object.entries(ex.requestHeaders).map(([k, v]) => [k.toLowerCase(), v])),
  };
  for (const p of op.params) {
    if (p.in === "body") {
      if (p.required && (ex.requestBody === undefined || ex.requestBody === null)) errors.push(`${where}: body "${p.name}" is required`);
      else if (ex.requestBody !== undefined && ex.requestBody !== null) {
        const validate = ajv.compile(p.schema);
        if (!validate(ex.requestBody)) errors.push(`${where}: body does not match the spec: ${ajv.errorsText(validate.errors)}`);
      }
      continue;
    }
    if (p.in === "formData") continue;
    const key = p.in === "header" ? p.name.toLowerCase() : p.name;
    const raw = sources[p.in]?.[key];
    if (raw === undefined) {
      if (p.required) errors.push(`${where}: ${p.in} parameter "${p.name}" is required`);
      continue;
    }
    const holder = { v: raw };
    const validate = paramAjv.compile({ type: "object", properties: { v: paramSchema(p) } });
    if (!validate(holder)) errors.push(`${where}: ${p.in} parameter "${p.name}"=${JSON.stringify(raw)}: ${paramAjv.errorsText(validate.errors)}`);
  }
  return errors;
}

/** Problems with the response: a body that does not match the spec's schema for that status. */
export function validateResponse(spec: LoadedSpec, ex: Exchange): string[] {
  const op = findOperation(spec, ex.method, ex.path);
  if (!op) return [`${ex.method} ${ex.path}: no such operation in the ${spec.tag} spec`];
  const where = `${ex.method} ${op.template} → ${ex.status} (${spec.tag})`;
  const responses = op.op.responses as Record<string, OpenAPIV2.ResponseObject | undefined>;
  const declared = responses[String(ex.status)] ?? responses.default;
  let schema = declared?.schema as OpenAPIV2.SchemaObject | undefined;
  if (!declared) {
    // docs/harbor/api.md §3: the specs omit statuses the server really returns (403/404/409/412/422 on some routes);
    // those answers must still carry the version's error shape.
    if (ex.status < 400) return [`${where}: status ${ex.status} is not in the spec`];
    schema = spec.basePath === "/api" ? undefined : spec.errorsSchema;
  }
  if (!schema || ex.responseBody === undefined || ex.responseBody === "" || typeof ex.responseBody === "string") {
    if (schema && (schema.type === "object" || schema.type === "array" || schema.properties) && ex.status < 300 && typeof ex.responseBody === "string") {
      return [`${where}: expected a JSON body, got text`];
    }
    return [];
  }
  const validate = ajv.compile(schema);
  return validate(ex.responseBody) ? [] : [`${where}: body does not match the spec: ${ajv.errorsText(validate.errors)}`];
}

/** The spec tag a simulated version is checked against. */
export function specTagFor(version: string): string {
  if (SPEC_FILES[version]) return version;
  const [maj, min] = version.split(".").map(Number);
  if (maj === 1) return min >= 10 ? "1.10.19" : "1.9.4";
  if (min <= 2) return "2.0.0";
  if (min <= 6) return "2.5.6";
  if (min === 7) return "2.7.4";
  if (min <= 10) return "2.8.6";
  if (min <= 12) return "2.11.2";
  return "2.15.2";
}
