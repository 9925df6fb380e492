/**
 * Documents meant to hurt a parser: deep nesting, alias bombs, quadratic key checks, numbers that do not fit, bytes
 * that are not text, and sheer size. Each fits the 256 KiB (UTF-16 units) the upload schema allows unless its name
 * says otherwise, so it reaches the parser rather than the size check. Shared by the unit fuzz
 * (test/unit/security/hostile-input.test.ts) and the browser suite (test/e2e/hostile-*.spec.ts).
 */

export interface HostileDocument {
  name: string;
  /** yaml: for the YAML parsers; json: for the JSON seed file */
  format: "yaml" | "json";
  /** made on demand: together the documents hold ~40 MB */
  make(): { text: string; bytes: Buffer };
}

const KIB = 1024;

/** The reported attack: `x: [[[[…` up to the upload limit. */
const deepFlowSequence = () => `x: ${"[".repeat(262_000)}`;
const deepFlowMapping = () => `x: ${"{a: ".repeat(65_000)}`;
/** Block mappings one space deeper per line, as deep as 256 KiB allows (~720 levels). */
const deepBlockMapping = () => Array.from({ length: 720 }, (_, i) => `${" ".repeat(i)}k:`).join("\n");
/** `- - - - x`: a sequence inside a sequence on one line, two bytes a level. */
const deepCompactSequence = () => `${"- ".repeat(130_000)}x`;

/** Billion laughs: nine levels of nine aliases each (387 million leaves once expanded). */
function billionLaughs(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  const names = "abcdefghi";
  for (let i = 1; i < names.length; i++)
    lines.push(
      `${names[i]}: &${names[i]} [${Array(9)
        .fill(`*${names[i - 1]}`)
        .join(",")}]`,
    );
  return `${lines.join("\n")}\n`;
}

/** One anchored list of 2,000 values referenced 100 times: within yaml's own alias count, 200,000 nodes expanded. */
const aliasFanOut = () => `base: &b [${Array(2000).fill("v").join(",")}]\nrefs: [${Array(100).fill("*b").join(",")}]\n`;

/** 20,000 distinct keys: the yaml package's duplicate-key check compares each key with all before it. */
const manyKeys = () => Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`).join("\n");
/** 130,000 tiny values in one flow list. */
const wideFlowList = () => `x: [${"1,".repeat(130_000)}]`;
/** An explicit key (`? …`) escapes the 1,024-character limit on implicit keys. */
const longKey = () => `? ${"k".repeat(200_000)}\n: 1\n`;
const hugeNumbers = () => "hostname: harbor.example.com\nhttp:\n  port: 1e400\nlog:\n  local:\n    rotate_count: 99999999999999999999999\n";
/** Bytes that are not UTF-8, decoded the way the browser's File.text() and Node's readFileSync do (U+FFFD). */
const invalidUtf8Bytes = () => Buffer.from([...Buffer.from("hostname: harbor"), 0xff, 0xfe, 0xc3, 0x28, ...Buffer.from(".example.com\n")]);
const loneSurrogate = () => "hostname: harbor\uD800.example.com\n";
const nulBytes = () => "hostname: harbor\u0000.example.com\nhttp:\n  port: 80\u0000\n";
const manyDocuments = () => "---\n".repeat(65_000);
/** 10 MiB: far past every limit (only direct calls can send it; the browser and the schema refuse it earlier). */
const tenMegabytes = () => `hostname: ${"x".repeat(10 * KIB * KIB)}\n`;

const deepJson = () => `{"instances": ${"[".repeat(5_000_000)}${"]".repeat(5_000_000)}}`;
const longJsonKey = () => `{"instances": [], "${"k".repeat(2 * KIB * KIB)}": 1}`;
const hugeJsonNumbers = () => `{"instances": [{"name": "a", "port": 1e400, "size": 99999999999999999999999}]}`;

const invalidUtf8Json = () => Buffer.from([...Buffer.from('{"instances": [{"name": "'), 0xff, 0xfe, ...Buffer.from('"}]}')]);

export function hostileDocuments(): HostileDocument[] {
  // `text` is what a browser's File.text() or readFileSync(…, "utf8") gives; `bytes` what is on disk.
  const doc = (format: HostileDocument["format"], name: string, source: () => string | Buffer): HostileDocument => ({
    name,
    format,
    make() {
      const made = source();
      return typeof made === "string" ? { text: made, bytes: Buffer.from(made) } : { text: made.toString("utf8"), bytes: made };
    },
  });
  const yaml = (name: string, make: () => string | Buffer) => doc("yaml", name, make);
  const json = (name: string, make: () => string | Buffer) => doc("json", name, make);
  return [
    yaml("deep flow sequence (262 KB of '[')", deepFlowSequence),
    yaml("deep flow mapping", deepFlowMapping),
    yaml("deep block mapping", deepBlockMapping),
    yaml("deep compact sequence ('- - - …')", deepCompactSequence),
    yaml("billion laughs (alias bomb)", billionLaughs),
    yaml("alias fan-out", aliasFanOut),
    yaml("20,000 keys", manyKeys),
    yaml("130,000 values in one list", wideFlowList),
    yaml("200,000-character key", longKey),
    yaml("huge numbers (1e400, 99999999999999999999999)", hugeNumbers),
    yaml("invalid UTF-8", invalidUtf8Bytes),
    yaml("lone UTF-16 surrogate", loneSurrogate),
    yaml("NUL bytes", nulBytes),
    yaml("65,000 documents ('---' repeated)", manyDocuments),
    yaml("10 MiB of text", tenMegabytes),
    json("deeply nested JSON (10 MB)", deepJson),
    json("2 MiB JSON key", longJsonKey),
    json("huge JSON numbers", hugeJsonNumbers),
    json("JSON with NUL bytes", () => `{"instances": [{"name": "a\u0000b"}]}\u0000`),
    json("JSON that is not UTF-8", invalidUtf8Json),
  ];
}
