/**
 * Text checks shared by the safe YAML and JSON readers: UTF-8 length without encoding, decoding bytes strictly, and
 * characters that are not text. Pure.
 */

export interface TextProblem {
  message: string;
  line: number;
  col: number;
}

/** "line 3, column 7: reason", or the reason alone when there is no position. */
export function describeAt(p: { message: string; line?: number; col?: number }): string {
  return p.line ? `line ${p.line}, column ${p.col}: ${p.message}` : p.message;
}

/** UTF-8 length of `text`; stops counting once past `stopAfter`. */
export function utf8Length(text: string, stopAfter = Infinity): number {
  let n = 0;
  for (let i = 0; i < text.length && n <= stopAfter; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** 1-based line and column (in UTF-16 units) of `index`. */
export function positionOf(text: string, index: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: index - start + 1 };
}

const hex = (c: number) => `U+${c.toString(16).toUpperCase().padStart(4, "0")}`;

// YAML's printable set (tab, line breaks, U+0020…, minus DEL, C1 controls but NEL, U+FFFE/FFFF, lone surrogates),
// plus U+FFFD: what a browser's File.text() or Node's readFileSync(…, "utf8") put where the bytes were not UTF-8.
const NOT_TEXT =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFFFD\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first character that has no place in a text configuration file, or null. */
export function findNonText(text: string): TextProblem | null {
  const m = NOT_TEXT.exec(text);
  if (!m) return null;
  const c = m[0].charCodeAt(0);
  const message =
    c === 0xfffd
      ? "it is not UTF-8 text (a byte sequence that is not UTF-8, shown as U+FFFD)"
      : c >= 0xd800 && c <= 0xdfff
        ? `it holds an unpaired UTF-16 surrogate (${hex(c)}), which is not text`
        : `it holds the control character ${hex(c)}${c === 0 ? " (NUL: a binary file?)" : ""}, which a text file may not contain`;
  return { message, ...positionOf(text, m.index) };
}

/** Bytes → text, refusing bytes that are not UTF-8 (Node and browsers would silently put U+FFFD there). */
export function decodeUtf8(bytes: Uint8Array): { ok: true; text: string } | ({ ok: false } & TextProblem) {
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    const lenient = new TextDecoder("utf-8").decode(bytes);
    return {
      ok: false,
      message: "it is not UTF-8 text (a byte sequence that is not UTF-8, shown as U+FFFD)",
      ...positionOf(lenient, Math.max(0, lenient.indexOf("\uFFFD"))),
    };
  }
}
