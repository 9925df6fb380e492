import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTextFileBounded } from "@/lib/security/bounded-file";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "bounded-file-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, data: string | Buffer) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
};

describe("readTextFileBounded", () => {
  it("reads a UTF-8 file up to the limit, without its byte-order mark", () => {
    expect(readTextFileBounded(write("a.yaml", "a: café\n"), 9)).toEqual({ ok: true, text: "a: café\n" });
    expect(readTextFileBounded(write("bom.yaml", "\uFEFFa: 1\n"), 64)).toEqual({ ok: true, text: "a: 1\n" });
    expect(readTextFileBounded(write("empty.yaml", ""), 64)).toEqual({ ok: true, text: "" });
  });

  it("refuses a file past the limit, saying how big it is", () => {
    expect(readTextFileBounded(write("big.yaml", "x".repeat(3 * 1024)), 2 * 1024)).toEqual({ ok: false, message: "it is 3 KiB; at most 2 KiB is accepted" });
  });

  it("reads no more than the limit from a file without end", { timeout: 5_000 }, () => {
    expect(readTextFileBounded("/dev/zero", 64 * 1024)).toEqual({ ok: false, message: "it is larger than that; at most 64 KiB is accepted" });
  });

  it("refuses bytes that are not UTF-8, saying where", () => {
    const r = readTextFileBounded(write("latin1.yaml", Buffer.from([0x61, 0x3a, 0x0a, 0x62, 0x3a, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a])), 64);
    expect(r).toEqual({ ok: false, message: "it is not UTF-8 text (a byte sequence that is not UTF-8, shown as U+FFFD)", line: 2, col: 7 });
  });

  it("lets I/O errors through, as fs reports them", () => {
    expect(() => readTextFileBounded(path.join(dir, "missing.yaml"), 64)).toThrow(/ENOENT/);
  });
});
