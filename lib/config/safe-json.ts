/**
 * JSON from a file, read within bounds: size and characters first, then one linear scan for nesting and key length
 * before JSON.parse (which builds a 5-million-deep `[[[…` of 10 MB into more than 64 MB of heap). Never throws. Pure.
 */
import { findNonText, positionOf, utf8Length } from "./safe-text";

export interface JsonLimits {
  /** UTF-8 bytes of the whole text */
  maxBytes: number;
  /** nested arrays and objects */
  maxDepth: number;
  maxKeyLength: number;
}

export const DEFAULT_JSON_LIMITS: JsonLimits = { maxBytes: 1024 * 1024, maxDepth: 64, maxKeyLength: 256 };

export type SafeJsonResult = { ok: true; value: unknown } | { ok: false; message: string; line?: number; col?: number };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const NUMBER_CHAR = /[-+.0-9eE]/;

/** A number JSON.parse would change: infinite (1e400) or an integer past ±2^53 (99999999999999999999999). */
function inexact(token: string): boolean {
  if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/.test(token)) return false; // not a number: JSON.parse says so
  const n = Number(token);
  return !Number.isFinite(n) || (/^-?\d+$/.test(token) && !Number.isSafeInteger(n));
}

/**
 * Where the nesting, a key or a number first crosses a limit (index and reason), or null. One pass; strings are
 * skipped, escapes too.
 */
function scan(text: string, limits: JsonLimits): { index: number; message: string } | null {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      while (i + 1 < text.length && NUMBER_CHAR.test(text[i + 1])) i++;
      const token = text.slice(start, i + 1);
      if (inexact(token)) return { index: start, message: `the number ${token.slice(0, 40)} cannot be held exactly (it is infinite or beyond ±2^53)` };
    } else if (c === QUOTE) {
      const start = i;
      for (i++; i < text.length && text.charCodeAt(i) !== QUOTE; i++) if (text.charCodeAt(i) === BACKSLASH) i++;
      const length = i - start - 1;
      if (length > limits.maxKeyLength) {
        let j = i + 1;
        while (j < text.length && /\s/.test(text[j])) j++;
        if (text[j] === ":") return { index: start, message: `a key of ${length} characters (at most ${limits.maxKeyLength})` };
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limits.maxDepth) return { index: i, message: `nested deeper than ${limits.maxDepth} levels` };
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return null;
}

export function parseJsonSafely(text: string, options: Partial<JsonLimits> = {}): SafeJsonResult {
  const limits = { ...DEFAULT_JSON_LIMITS, ...options };
  if (text.length > limits.maxBytes || utf8Length(text, limits.maxBytes) > limits.maxBytes) {
    return { ok: false, message: `it is ${Math.ceil(utf8Length(text) / 1024)} KiB; at most ${Math.ceil(limits.maxBytes / 1024)} KiB is accepted` };
  }
  const bad = findNonText(text.replace(/^\uFEFF/, ""));
  if (bad) return { ok: false, ...bad };
  const over = scan(text, limits);
  if (over) return { ok: false, message: over.message, ...positionOf(text, over.index) };
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, "")) as unknown };
  } catch (e) {
    return { ok: false, message: `not valid JSON: ${(e as Error).message}` };
  }
}
