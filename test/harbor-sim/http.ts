/**
 * Response values and the wire details shared by every route: error bodies per generation (docs/harbor/api.md §3),
 * go-swagger omitempty, pagination headers (docs/harbor/api.md §4) and the `q` query language.
 */
import { STATUS_CODES } from "node:http";
import type { Profile } from "./state";

export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  /** raw body; `json` wins when both are set */
  body?: string | Buffer;
  json?: unknown;
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers, json: value };
}

export function text(status: number, body: string, contentType = "text/plain; charset=utf-8", headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { "content-type": contentType, ...headers }, body };
}

export function empty(status: number, headers: Record<string, string> = {}): SimResponse {
  return { status, headers };
}

const ERROR_CODES: Record<number, string> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  409: "CONFLICT",
  412: "PRECONDITION",
  422: "UNPROCESSABLE_ENTITY",
  429: "TOO_MANY_REQUEST",
  500: "UNKNOWN",
};

/** Harbor's error code for a status; statuses Harbor never emits itself get the HTTP reason in its style. */
export function errorCode(status: number): string {
  return ERROR_CODES[status] ?? (STATUS_CODES[status] ?? "ERROR").toUpperCase().replace(/[^A-Z]+/g, "_");
}

/**
 * The generation's error answer. 2.x: `{"errors":[{code,message}]}` JSON, 500 message forced to
 * "internal server error". 1.x: Go's http.Error of `{"code":N,"message":…}`: text/plain, trailing newline.
 */
export function error(p: Profile, status: number, message: string): SimResponse {
  if (p.v1) {
    return text(status, JSON.stringify({ code: status, message }) + "\n", "text/plain; charset=utf-8", { "x-content-type-options": "nosniff" });
  }
  const msg = status === 500 ? "internal server error" : message;
  return json(status, { errors: [{ code: errorCode(status), message: msg }] });
}

export function isResponse(x: unknown): x is SimResponse {
  return typeof x === "object" && x !== null && "status" in x && "headers" in x;
}

/** go-swagger's `omitempty`: drop "", 0, false, null/undefined and empty arrays, except the keys in `keep`. */
export function omitEmpty(obj: Record<string, unknown>, keep: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const emptyValue = v === undefined || v === null || v === "" || v === 0 || v === false || (Array.isArray(v) && v.length === 0);
    if (!emptyValue || keep.includes(k)) out[k] = v;
  }
  return out;
}

/** Go's url.QueryEscape (space as "+", sub-delims escaped). */
function goQueryEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%20/g, "+");
}

/** Go's url.Values.Encode: keys sorted, values in order. */
function goEncode(q: URLSearchParams): string {
  const keys = [...new Set(q.keys())].sort();
  return keys.flatMap((k) => q.getAll(k).map((v) => `${goQueryEscape(k)}=${goQueryEscape(v)}`)).join("&");
}

export interface Paging {
  page: number;
  /** 0: no limit */
  pageSize: number;
  swagger: boolean;
}

/**
 * 2.3+ go-swagger: page/page_size int64, page_size ≤ 100 (else 422), default 10.
 * Legacy beego (1.x, 2.0–2.2): default 500, >500 clamped, ≤0 or non-numeric → 400.
 */
export function parsePaging(p: Profile, query: URLSearchParams, swagger = p.swagger): Paging | SimResponse {
  const rawPage = query.get("page");
  const rawSize = query.get("page_size");
  if (swagger) {
    const problems: string[] = [];
    const num = (name: string, raw: string | null, def: number) => {
      if (raw === null || raw === "") return def;
      if (!/^-?\d+$/.test(raw)) {
        problems.push(`${name} in query must be of type int64: "${raw}"`);
        return def;
      }
      return Number(raw);
    };
    const page = num("page", rawPage, 1);
    const pageSize = num("page_size", rawSize, 10);
    if (pageSize > 100) problems.push("page_size in query should be less than or equal to 100");
    if (problems.length) return error(p, 422, `validation failure list:\n${problems.join("\n")}`);
    return { page: Math.max(page, 1), pageSize: Math.max(pageSize, 0), swagger };
  }
  const page = rawPage === null ? 1 : /^\d+$/.test(rawPage) ? Number(rawPage) : 0;
  if (page <= 0) return error(p, 400, "invalid page");
  const size = rawSize === null ? 500 : /^\d+$/.test(rawSize) ? Number(rawSize) : 0;
  if (size <= 0) return error(p, 400, "invalid page_size");
  return { page, pageSize: Math.min(size, 500), swagger };
}

/** One page of `items`, with X-Total-Count and Link (format of src/lib/link.go, or beego's SetPaginationHeader). */
export function paginate<T>(items: T[], paging: Paging, path: string, query: URLSearchParams): { items: T[]; headers: Record<string, string> } {
  const total = items.length;
  const { page, pageSize } = paging;
  const slice = pageSize > 0 ? items.slice((page - 1) * pageSize, page * pageSize) : items;
  const headers: Record<string, string> = { "x-total-count": String(total) };
  const link = (n: number) => {
    const q = new URLSearchParams(query);
    q.set("page", String(n));
    if (paging.swagger) q.set("page_size", String(pageSize));
    return `${path}?${goEncode(q)}`;
  };
  const prevInRange = paging.swagger ? (page - 1) * pageSize < total : (page - 1) * pageSize <= total;
  const prev = pageSize > 0 && page > 1 && prevInRange ? `<${link(page - 1)}>; rel="prev"` : null;
  const next = pageSize > 0 && page * pageSize < total ? `<${link(page + 1)}>; rel="next"` : null;
  const links = paging.swagger ? [prev, next] : [next, prev];
  const value = links.filter(Boolean).join(paging.swagger ? " , " : ", ");
  if (value) headers.link = value;
  return { items: slice, headers };
}

export interface QTerm {
  key: string;
  kind: "exact" | "fuzzy" | "range" | "union" | "intersection";
  values: string[];
}

const unquote = (v: string) => v.trim().replace(/^(["'])(.*)\1$/, "$2");

/** Parses `q` (k=v, k=~v, k=[min~max], k={a b}, k=(a b)); null when malformed. */
export function parseQ(raw: string | null): QTerm[] | null {
  if (!raw) return [];
  const terms: QTerm[] = [];
  for (const part of raw.split(",").filter((x) => x.trim())) {
    const eq = part.indexOf("=");
    if (eq <= 0) return null;
    const key = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    // Harbor (src/lib/q/builder.go) strips quotes inside ranges and lists only; an exact or fuzzy value keeps them.
    if (v.startsWith("~")) terms.push({ key, kind: "fuzzy", values: [v.slice(1)] });
    else if (/^\[.*~.*\]$/.test(v)) terms.push({ key, kind: "range", values: v.slice(1, -1).split("~").map(unquote) });
    else if (/^\{.*\}$/.test(v)) terms.push({ key, kind: "union", values: v.slice(1, -1).split(/\s+/).filter(Boolean).map(unquote) });
    else if (/^\(.*\)$/.test(v)) terms.push({ key, kind: "intersection", values: v.slice(1, -1).split(/\s+/).filter(Boolean).map(unquote) });
    else terms.push({ key, kind: "exact", values: [v.replace(/^\\/, "")] });
  }
  return terms;
}

/** Does a row match every term? Keys the row does not know are ignored, as Harbor does. */
export function matchesQ(terms: QTerm[], field: (key: string) => string | number | boolean | undefined): boolean {
  return terms.every((t) => {
    const f = field(t.key);
    if (f === undefined) return true;
    const s = String(f);
    switch (t.kind) {
      case "exact":
        return s === t.values[0];
      case "fuzzy":
        return s.includes(t.values[0]);
      case "union":
        return t.values.includes(s);
      case "intersection":
        return t.values.every((v) => v === s);
      case "range": {
        const [lo, hi] = t.values;
        const cmp = (a: string, b: string) => (typeof f === "number" ? Number(a) - Number(b) : a.localeCompare(b));
        return (!lo || cmp(s, lo) >= 0) && (!hi || cmp(s, hi) <= 0);
      }
    }
  });
}

/** `sort=a,-b` over rows, by the given field accessor; unknown keys are ignored. */
export function sortBy<T>(rows: T[], sort: string | null, field: (row: T, key: string) => string | number | undefined): T[] {
  if (!sort) return rows;
  const keys = sort
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean);
  return [...rows].sort((a, b) => {
    for (const k of keys) {
      const desc = k.startsWith("-");
      const key = desc ? k.slice(1) : k;
      const x = field(a, key);
      const y = field(b, key);
      if (x === undefined || y === undefined || x === y) continue;
      const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      return desc ? -c : c;
    }
    return 0;
  });
}
