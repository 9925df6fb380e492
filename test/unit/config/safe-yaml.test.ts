import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { DEFAULT_YAML_LIMITS, parseAllYamlSafely, parseYamlSafely, yamlFailureText, type YamlFailure } from "@/lib/config/safe-yaml";

const GOLDEN = path.join(import.meta.dirname, "golden");
const goldenYaml = () =>
  ["harbor-yml/single-node", "harbor-yml/three-nodes", "helm"].flatMap((dir) =>
    fs
      .readdirSync(path.join(GOLDEN, dir))
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => ({ name: `${dir}/${f}`, text: fs.readFileSync(path.join(GOLDEN, dir, f), "utf8") })),
  );

function refusal(text: string, options: Parameters<typeof parseYamlSafely>[1] = {}): YamlFailure {
  const r = parseYamlSafely(text, options);
  if (r.ok) throw new Error(`accepted: ${JSON.stringify(r.value).slice(0, 100)}`);
  return r;
}

describe("parseYamlSafely: what real files hold is read as the yaml package reads it", () => {
  it("reads every golden harbor.yml, values.yaml and Secrets manifest to the same values as the yaml package (YAML 1.1)", () => {
    const files = goldenYaml();
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const r = parseAllYamlSafely(f.text, { version: "1.1", maxDocuments: 16 });
      expect(r.ok, f.name).toBe(true);
      if (r.ok)
        expect(
          r.documents.map((d) => d.value),
          f.name,
        ).toEqual(parseAllDocuments(f.text, { version: "1.1" }).map((d) => d.toJS()));
    }
  });

  it("keeps YAML 1.1 merge keys (even repeated), anchors and aliases within the limits", () => {
    const r = parseYamlSafely("base: &b {p: 1, q: 2}\na:\n  <<: *b\n  <<: {r: 3}\n  q: 4\nlist: [*b, *b]\n", { version: "1.1" });
    expect(r.ok && r.value).toEqual({
      base: { p: 1, q: 2 },
      a: { p: 1, q: 4, r: 3 },
      list: [
        { p: 1, q: 2 },
        { p: 1, q: 2 },
      ],
    });
  });

  it("reads an empty text as one empty document, and text a YAML file may hold", () => {
    expect(parseYamlSafely("")).toMatchObject({ ok: true, value: null });
    const r = parseYamlSafely('\uFEFFname: "caf\u00e9 \u{1F6A2}"\r\ntabs: "a\tb"\nnel: x\u0085y\nbig: 9007199254740991\nquoted: "99999999999999999999999"\n');
    expect(r.ok && r.value).toEqual({ name: "caf\u00e9 \u{1F6A2}", tabs: "a\tb", nel: "x\u0085y", big: 9007199254740991, quoted: "99999999999999999999999" });
  });

  it("reads several documents only when asked to", () => {
    expect(refusal("a: 1\n---\nb: 2\n")).toMatchObject({ kind: "limit", message: "more than one YAML document (a second `---`)", line: 2, col: 1 });
    const all = parseAllYamlSafely("a: 1\n---\nb: 2\n", { maxDocuments: 2 });
    expect(all.ok && all.documents.map((d) => d.value)).toEqual([{ a: 1 }, { b: 2 }]);
    expect(parseAllYamlSafely("", { maxDocuments: 2 })).toEqual({ ok: true, documents: [] });
  });
});

describe("parseYamlSafely: each bound, with the reason and where", () => {
  it("refuses deep nesting while parsing: 262 KB of '[' costs milliseconds, not the 230 MB parseDocument takes", () => {
    const t0 = performance.now();
    expect(refusal(`x: ${"[".repeat(262_000)}`)).toMatchObject({ kind: "limit", message: "nested deeper than 32 levels", line: 1 });
    expect(performance.now() - t0).toBeLessThan(500);
    expect(refusal(`${"- ".repeat(130_000)}x`).message).toBe("nested deeper than 32 levels");
    expect(refusal(Array.from({ length: 40 }, (_, i) => `${" ".repeat(i)}k:`).join("\n")).message).toBe("nested deeper than 32 levels");
  });

  it("counts depth exactly: 32 levels are read, 33 are not (aliases count where they are expanded)", () => {
    const nest = (n: number) => `x: ${"[".repeat(n - 1)}1${"]".repeat(n - 1)}`;
    expect(parseYamlSafely(nest(32)).ok).toBe(true);
    expect(refusal(nest(33)).message).toBe("nested deeper than 32 levels");
    expect(parseYamlSafely(nest(5), { maxDepth: 5 }).ok).toBe(true);
    expect(refusal(`a: &a ${"[".repeat(20)}1${"]".repeat(20)}\nb: ${"[".repeat(15)}*a${"]".repeat(15)}\n`).message).toBe("nested deeper than 32 levels");
  });

  it("refuses a billion laughs by its expanded aliases, and a fan-out by its expanded values", () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [p, n] of [..."abcdefgh"].map((c, i) => [c, "bcdefghi"[i]])) lines.push(`${n}: &${n} [${Array(9).fill(`*${p}`).join(",")}]`);
    expect(refusal(lines.join("\n"))).toMatchObject({ kind: "limit", message: "more than 100 aliases expanded", line: 3 });
    const fanOut = `base: &b [${Array(2000).fill("v").join(",")}]\nrefs: [${Array(20).fill("*b").join(",")}]\n`;
    expect(refusal(fanOut).message).toBe("more than 10000 values (counting each alias expanded)");
    expect(refusal("*nowhere").message).toBe("the alias *nowhere refers to no anchor before it");
  });

  it("refuses more tokens than a configuration file has, while parsing", () => {
    const many = Array.from({ length: 5_000 }, (_, i) => `k${i}: 1`).join("\n");
    expect(refusal(many).message).toBe(`more than ${DEFAULT_YAML_LIMITS.maxTokens} YAML tokens; this is far bigger than a configuration file`);
    expect(parseYamlSafely(many, { maxTokens: 40_000, maxNodes: 20_000 }).ok).toBe(true);
  });

  it("finds duplicate keys in linear time, at the second key", () => {
    expect(refusal("hostname: a\nhttp:\n  port: 80\nhostname: b\n")).toMatchObject({ kind: "syntax", message: "Map keys must be unique", line: 4, col: 1 });
    // yaml's own check compares each key with every earlier one (20,000 keys: 3.6 s); this one is a Set.
    const keys = Array.from({ length: 2_000 }, (_, i) => `k${i}: 1`).join("\n");
    const t0 = performance.now();
    expect(parseYamlSafely(keys).ok).toBe(true);
    expect(performance.now() - t0).toBeLessThan(1_000);
  });

  it("refuses long keys and keys that are not plain values", () => {
    expect(parseYamlSafely(`${"k".repeat(256)}: 1`).ok).toBe(true);
    expect(refusal(`? ${"k".repeat(200_000)}\n: 1\n`)).toMatchObject({ message: "a key of 200000 characters (at most 256)", line: 1, col: 3 });
    expect(refusal("? [a, b]\n: 1\n").message).toBe("a key must be a plain value, not a list, a mapping or an alias");
  });

  it("refuses numbers that cannot be held exactly, saying how to keep them", () => {
    expect(refusal("port: 1e400\n")).toMatchObject({
      message: "the number 1e400 cannot be held exactly (it is infinite or beyond ±2^53); quote it if it is text",
      line: 1,
      col: 7,
    });
    expect(refusal("size: 99999999999999999999999\n").message).toMatch(/^the number 99999999999999999999999 cannot be held exactly/);
    expect(refusal("x: .inf\n").message).toMatch(/^the number \.inf/);
    expect(refusal("1e400: x\n").message).toMatch(/^the number 1e400/);
  });

  it("refuses what is not text: NUL and other control characters, bytes that were not UTF-8, lone surrogates", () => {
    expect(refusal("a: 1\nb: x\u0000y\n")).toEqual({
      ok: false,
      kind: "text",
      message: "it holds the control character U+0000 (NUL: a binary file?), which a text file may not contain",
      line: 2,
      col: 5,
    });
    expect(refusal("a: \u001b[31m\n").message).toBe("it holds the control character U+001B, which a text file may not contain");
    expect(refusal("a: caf\uFFFD\n")).toMatchObject({
      kind: "text",
      message: "it is not UTF-8 text (a byte sequence that is not UTF-8, shown as U+FFFD)",
      line: 1,
      col: 7,
    });
    expect(refusal("a: \uDC00\n").message).toBe("it holds an unpaired UTF-16 surrogate (U+DC00), which is not text");
  });

  it("refuses by UTF-8 size before doing anything else", () => {
    expect(refusal("é".repeat(1_000), { maxBytes: 1_999 })).toEqual({ ok: false, kind: "limit", message: "it is 2 KiB; at most 2 KiB is accepted" });
    expect(parseYamlSafely(`a: ${"é".repeat(990)}`, { maxBytes: 2_000 }).ok).toBe(true);
    expect(refusal("x".repeat(10 * 1024 * 1024)).message).toBe("it is 10240 KiB; at most 256 KiB is accepted");
  });

  it("stops when its time is up", () => {
    expect(refusal(`x: [${"1,".repeat(1_000)}]`, { maxMillis: -1 }).message).toBe("reading it took longer than -1 ms");
  });

  it("reports syntax errors with the yaml package's reason and position", () => {
    expect(refusal("a:\n\tb: 1\n")).toMatchObject({ kind: "syntax", message: "Tabs are not allowed as indentation", line: 2, col: 1 });
    expect(yamlFailureText(refusal("a: [1,\n"))).toMatch(/^line 2, column 1: Flow sequence/);
  });
});

describe("parseYamlSafely never throws", () => {
  it("for any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
        const r = parseAllYamlSafely(text, { maxDocuments: 3 });
        return r.ok || (typeof r.message === "string" && r.message.length > 0);
      }),
      { numRuns: 2_000 },
    );
  });

  it("for any soup of YAML's own punctuation", () => {
    const piece = fc.constantFrom(
      "[",
      "]",
      "{",
      "}",
      ":",
      " ",
      "\n",
      "- ",
      "? ",
      "&a ",
      "*a",
      "!!str ",
      "<<: ",
      "---\n",
      "...\n",
      '"',
      "'",
      "|\n",
      ">-\n",
      "#",
      ",",
      "a",
      "1e400",
      "%YAML 1.1\n",
      "\t",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 300 }), (pieces) => {
        const r = parseAllYamlSafely(pieces.join(""), { version: "1.1", maxDocuments: 4, maxDepth: 8, maxAliasCount: 5 });
        return r.ok || r.message.length > 0;
      }),
      { numRuns: 2_000 },
    );
  });
});
