import fs from "node:fs";
import { decodeUtf8 } from "../config/safe-text";

export type BoundedFileResult = { ok: true; text: string } | { ok: false; message: string; line?: number; col?: number };

/**
 * A text file read whole only when it is at most `maxBytes` (never more than that is read, whatever its size or
 * kind) and strictly UTF-8. I/O errors (missing file, no permission) throw as fs does.
 */
export function readTextFileBounded(file: string, maxBytes: number): BoundedFileResult {
  const fd = fs.openSync(file, "r");
  try {
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    while (length <= maxBytes) {
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > maxBytes) {
      const size = fs.fstatSync(fd).size;
      return {
        ok: false,
        message: `it is ${size > maxBytes ? `${Math.ceil(size / 1024)} KiB` : "larger than that"}; at most ${Math.ceil(maxBytes / 1024)} KiB is accepted`,
      };
    }
    const decoded = decodeUtf8(buffer.subarray(0, length));
    return decoded.ok ? decoded : { ok: false, message: decoded.message, line: decoded.line, col: decoded.col };
  } finally {
    fs.closeSync(fd);
  }
}
