/**
 * YAML from users, read within bounds. Size and characters are checked before parsing; nesting, tokens, documents
 * and time while the `yaml` package parses (we drive its lexer, parser and composer ourselves); expanded nodes,
 * aliases, keys and numbers on the parsed document, before anyone turns it into a value. Never throws: a refusal
 * comes back as a typed failure with a reason and, where it has one, a line and column. Pure (browser and server).
 *
 * Why not parseDocument with options: its CST parser keeps ~900 bytes per open flow collection, so `x: [[[[…` of
 * 262 KB takes 230 MB before any option applies (and next-server runs with a 256 MiB heap); its duplicate-key check
 * compares each key with every earlier one (20,000 keys: 3.6 s); its maxAliasCount applies only in toJS, which
 * returns shared references, so whoever walks the value still expands every alias.
 */
import { Composer, isAlias, isMap, isScalar, isSeq, Lexer, LineCounter, Parser, type Document, type Scalar } from "yaml";
import { describeAt, findNonText, utf8Length } from "./safe-text";

export interface YamlLimits {
  /** UTF-8 bytes of the whole text */
  maxBytes: number;
  /** nested lists and mappings (a harbor.yml nests 4 deep) */
  maxDepth: number;
  /** lexical tokens (a commented harbor.yml has ~1,500): bounds the parser's memory and time */
  maxTokens: number;
  /** values, keys included, with every alias expanded: bounds what a consumer of the value walks */
  maxNodes: number;
  /** alias expansions (`*name`), counting those inside expanded aliases */
  maxAliasCount: number;
  maxKeyLength: number;
  maxDocuments: number;
  /** wall-clock budget of one parse, checked while parsing */
  maxMillis: number;
}

/**
 * At these limits the worst shapes (deep or wide lists and maps, long strings) parse within a 24 MiB heap in under
 * 250 ms; test/unit/security/hostile-input.test.ts runs every parser of user text under a capped heap. Real files are
 * far inside them: a commented harbor.yml has ~300 lines, ~1,500 tokens, ~200 values, 4 levels.
 */
export const DEFAULT_YAML_LIMITS: YamlLimits = {
  maxBytes: 256 * 1024,
  maxDepth: 32,
  maxTokens: 20_000,
  maxNodes: 10_000,
  maxAliasCount: 100,
  maxKeyLength: 256,
  maxDocuments: 1,
  maxMillis: 1_000,
};

export interface YamlFailure {
  ok: false;
  /** text: not text (bytes that are not UTF-8, control characters); syntax: not YAML; limit: YAML, but past a bound or a rule of this module */
  kind: "text" | "syntax" | "limit";
  /** a sentence fragment without the position, e.g. "nested deeper than 32 levels" */
  message: string;
  line?: number;
  col?: number;
}

export interface SafeYamlOptions extends Partial<YamlLimits> {
  /** "1.1" reads `no`, `on`, `0755` as PyYAML (Harbor) and Helm do */
  version?: "1.1" | "1.2";
}

export type ParsedYaml = { document: Document.Parsed; value: unknown };

class Refusal extends Error {
  constructor(
    readonly kind: YamlFailure["kind"],
    readonly reason: string,
    readonly offset?: number,
  ) {
    super(reason);
  }
}

/** "line 3, column 7: reason" (or the reason alone): the text callers put after their own prefix. */
export const yamlFailureText: (f: Pick<YamlFailure, "message" | "line" | "col">) => string = describeAt;

const kib = (n: number) => `${Math.ceil(n / 1024)} KiB`;

/** Lexes, parses and composes under the limits, stopping at the first token that crosses one. */
function composeBounded(text: string, limits: YamlLimits, version: "1.1" | "1.2" | undefined, lines: LineCounter): Document.Parsed[] {
  const deadline = Date.now() + limits.maxMillis;
  const parser = new Parser(lines.addNewLine);
  // uniqueKeys off: its check is quadratic; checkDocument finds duplicates with a Set.
  const composer = new Composer(version ? { version, uniqueKeys: false } : { uniqueKeys: false });
  const docs: Document.Parsed[] = [];
  const add = (doc: Document.Parsed) => {
    if (docs.push(doc) > limits.maxDocuments) {
      throw new Refusal(
        "limit",
        limits.maxDocuments === 1 ? "more than one YAML document (a second `---`)" : `more than ${limits.maxDocuments} YAML documents`,
        doc.range[0],
      );
    }
  };
  lines.addNewLine(0);
  let tokens = 0;
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) for (const doc of composer.next(token)) add(doc);
    // The parser's stack holds the open collections (plus the document and the token being read).
    if (parser.stack.length > limits.maxDepth + 3) throw new Refusal("limit", `nested deeper than ${limits.maxDepth} levels`, parser.offset);
    if (++tokens > limits.maxTokens)
      throw new Refusal("limit", `more than ${limits.maxTokens} YAML tokens; this is far bigger than a configuration file`, parser.offset);
    if (tokens % 512 === 0 && Date.now() > deadline) throw new Refusal("limit", `reading it took longer than ${limits.maxMillis} ms`, parser.offset);
  }
  for (const token of parser.end()) for (const doc of composer.next(token)) add(doc);
  for (const doc of composer.end(limits.maxDocuments === 1, text.length)) add(doc);
  return docs;
}

const COLLECTION_KEY = "a key must be a plain value, not a list, a mapping or an alias";

/** Counts expanded nodes and aliases, and checks depth, keys and numbers, without building the value. */
function checkDocument(doc: Document.Parsed, text: string, limits: YamlLimits): void {
  let nodes = 0;
  let aliases = 0;
  const count = (offset: number | undefined) => {
    if (++nodes > limits.maxNodes) throw new Refusal("limit", `more than ${limits.maxNodes} values (counting each alias expanded)`, offset);
  };
  const checkScalar = (node: Scalar) => {
    const v = node.value;
    if (typeof v === "number" && (!Number.isFinite(v) || (Number.isInteger(v) && !Number.isSafeInteger(v)))) {
      const source = text.slice(node.range?.[0], node.range?.[1]).trim().slice(0, 40);
      throw new Refusal("limit", `the number ${source} cannot be held exactly (it is infinite or beyond ±2^53); quote it if it is text`, node.range?.[0]);
    }
  };
  const visit = (node: unknown, depth: number): void => {
    if (node === null || node === undefined) return;
    const offset = (node as { range?: [number, number, number] }).range?.[0];
    count(offset);
    if (isAlias(node)) {
      if (++aliases > limits.maxAliasCount) throw new Refusal("limit", `more than ${limits.maxAliasCount} aliases expanded`, offset);
      const target = node.resolve(doc);
      if (!target) throw new Refusal("syntax", `the alias *${node.source} refers to no anchor before it`, offset);
      return visit(target, depth);
    }
    if (isScalar(node)) return checkScalar(node);
    if (depth > limits.maxDepth) throw new Refusal("limit", `nested deeper than ${limits.maxDepth} levels`, offset);
    if (isSeq(node)) {
      for (const item of node.items) visit(item, depth + 1);
      return;
    }
    if (!isMap(node)) return;
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = pair.key as unknown;
      if (key !== null && !isScalar(key)) throw new Refusal("limit", COLLECTION_KEY, (key as { range?: number[] }).range?.[0] ?? offset);
      if (key) {
        count(key.range?.[0]);
        checkScalar(key);
        // YAML 1.1's merge key `<<` is a symbol and may repeat; any other key is compared as its text, as toJS keys it.
        if (typeof key.value !== "symbol") {
          const name = key.value === null ? "" : String(key.value);
          if (name.length > limits.maxKeyLength)
            throw new Refusal("limit", `a key of ${name.length} characters (at most ${limits.maxKeyLength})`, key.range?.[0]);
          if (seen.has(name)) throw new Refusal("syntax", "Map keys must be unique", key.range?.[0]);
          seen.add(name);
        }
      }
      visit(pair.value, depth + 1);
    }
  };
  visit(doc.contents, 1);
}

/** Every document of a YAML stream, each with its value; at most `maxDocuments` (default 1). */
export function parseAllYamlSafely(text: string, options: SafeYamlOptions = {}): { ok: true; documents: ParsedYaml[] } | YamlFailure {
  const { version, ...rest } = options;
  const limits = { ...DEFAULT_YAML_LIMITS, ...rest };
  const lines = new LineCounter();
  const failure = (kind: YamlFailure["kind"], message: string, offset?: number): YamlFailure => {
    if (offset === undefined || lines.lineStarts.length === 0) return { ok: false, kind, message };
    const { line, col } = lines.linePos(offset);
    return { ok: false, kind, message, line, col };
  };
  // Refused by size before anything else is done with the text (a UTF-16 unit is at least one UTF-8 byte).
  if (text.length > limits.maxBytes || utf8Length(text, limits.maxBytes) > limits.maxBytes) {
    return failure("limit", `it is ${kib(utf8Length(text))}; at most ${kib(limits.maxBytes)} is accepted`);
  }
  const bad = findNonText(text);
  if (bad) return { ok: false, kind: "text", ...bad };
  try {
    const docs = composeBounded(text, limits, version, lines);
    const documents: ParsedYaml[] = [];
    for (const document of docs) {
      const error = document.errors[0];
      if (error) return failure("syntax", error.message.split("\n")[0], error.pos[0]);
      checkDocument(document, text, limits);
      documents.push({ document, value: document.toJS({ maxAliasCount: limits.maxAliasCount }) });
    }
    return { ok: true, documents };
  } catch (e) {
    if (e instanceof Refusal) return failure(e.kind, e.reason, e.offset);
    // Anything else (yaml's own alias guard in toJS, an exhausted stack) is still the document's doing.
    return failure("limit", `it cannot be read safely (${e instanceof Error ? e.message.split("\n")[0] : String(e)})`);
  }
}

/** One YAML document; an empty text is one empty document (value null). */
export function parseYamlSafely(text: string, options: SafeYamlOptions = {}): ({ ok: true } & ParsedYaml) | YamlFailure {
  const r = parseAllYamlSafely(text, { ...options, maxDocuments: 1 });
  if (!r.ok) return r;
  return { ok: true, ...r.documents[0] };
}
