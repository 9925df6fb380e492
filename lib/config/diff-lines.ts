/** A line diff (longest common subsequence) for the files that are not YAML: nginx.conf, haproxy.cfg, README. */

export interface LineDiffEntry {
  kind: "added" | "removed";
  /** 1-based line number in the file it comes from (before for removed, after for added) */
  line: number;
  text: string;
}

/** Lines removed from `before` and added in `after`, in file order. O(n·m): fine for config-sized files. */
export function diffLines(before: string, after: string): LineDiffEntry[] {
  const a = before.split("\n");
  const b = after.split("\n");
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  // lcs[i][j] = LCS length of a[start+i..endA) and b[start+j..endB)
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = a[start + i] === b[start + j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: LineDiffEntry[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j]) {
      i++;
      j++;
    } else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      out.push({ kind: "removed", line: start + i + 1, text: a[start + i] });
      i++;
    } else {
      out.push({ kind: "added", line: start + j + 1, text: b[start + j] });
      j++;
    }
  }
  return out;
}
