import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copyBinaries } from "@/lib/bootstrap/root-postgres";

describe("copyBinaries", () => {
  let home: string;
  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), "hfc-bin-"));
  });
  afterEach(() => {
    fs.rmSync(home, { recursive: true, force: true });
  });

  it("copies the package's PostgreSQL once per version, symlinks kept relative, nothing half-copied left", async () => {
    const dest = await copyBinaries(home);
    expect(path.dirname(dest)).toBe(home);
    expect(path.basename(dest)).toMatch(new RegExp(`^postgres-\\d+\\.[\\w.-]+-${os.platform()}-${os.arch()}$`));
    for (const bin of ["postgres", "initdb"]) expect(fs.statSync(path.join(dest, "bin", bin)).mode & 0o005).toBe(0o005);
    const links = fs.readdirSync(path.join(dest, "lib")).filter((f) => fs.lstatSync(path.join(dest, "lib", f)).isSymbolicLink());
    for (const link of links) {
      expect(path.isAbsolute(fs.readlinkSync(path.join(dest, "lib", link)))).toBe(false);
      expect(fs.existsSync(path.join(dest, "lib", link))).toBe(true); // resolves inside the copy
    }
    const mtime = fs.statSync(dest).mtimeMs;
    expect(await copyBinaries(home)).toBe(dest);
    expect(fs.statSync(dest).mtimeMs).toBe(mtime);
    expect(fs.readdirSync(home)).toEqual([path.basename(dest)]);
  });

  it("opens a tree installed under umask 077 to the postgres user: directories 0755, files readable, executables runnable", async () => {
    const src = path.join(home, "src");
    fs.mkdirSync(path.join(src, "bin"), { recursive: true });
    fs.mkdirSync(path.join(src, "lib"));
    fs.writeFileSync(path.join(src, "bin", "postgres"), "#!/bin/sh\n", { mode: 0o700 });
    fs.writeFileSync(path.join(src, "lib", "libpq.so.5.17"), "", { mode: 0o600 });
    fs.symlinkSync("libpq.so.5.17", path.join(src, "lib", "libpq.so.5"));
    for (const d of [path.join(src, "bin"), path.join(src, "lib"), src]) fs.chmodSync(d, 0o700);
    const dest = await copyBinaries(path.join(home, "out"), { dir: src, version: "0.0.0-test" });
    for (const d of [dest, path.join(dest, "bin"), path.join(dest, "lib")]) expect(fs.statSync(d).mode & 0o777).toBe(0o755);
    expect(fs.statSync(path.join(dest, "bin", "postgres")).mode & 0o777).toBe(0o755);
    expect(fs.statSync(path.join(dest, "lib", "libpq.so.5.17")).mode & 0o777).toBe(0o644);
    expect(fs.readlinkSync(path.join(dest, "lib", "libpq.so.5"))).toBe("libpq.so.5.17");
  });
});
