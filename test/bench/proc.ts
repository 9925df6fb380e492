/**
 * Linux /proc helpers for the fleet benchmark: the process tree of the launcher, the process listening on a
 * port, and its memory (VmRSS / VmHWM).
 */
import fs from "node:fs";

function ppidOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ")".
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

/** `root` and every process below it. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    const ppid = ppidOf(pid);
    if (ppid === null) continue;
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** Socket inodes listening on 127.0.0.1/0.0.0.0/:: at `port` (IPv4 and IPv6 tables). */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = fs.readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10) continue;
      if (f[1].endsWith(`:${hexPort}`) && f[3] === "0A") inodes.add(f[9]);
    }
  }
  return inodes;
}

/** The process (below `root`) that holds the socket listening on `port`, or null. */
export function listeningPid(root: number, port: number): number | null {
  const inodes = listeningInodes(port);
  if (!inodes.size) return null;
  for (const pid of descendants(root)) {
    let fds: string[] = [];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1])) return pid;
      } catch {
        // fd closed meanwhile
      }
    }
  }
  return null;
}

/** CPU time (user + system) of a process, in milliseconds; 0 when it is gone. */
export function cpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // after "(comm)": state(0) ppid(1) ... utime(11) stime(12), in clock ticks (USER_HZ, 100 on Linux)
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

export interface MemInfo {
  rssKiB: number;
  hwmKiB: number;
}

export function memoryOf(pid: number): MemInfo | null {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, "m").exec(s)?.[1] ?? 0);
    return { rssKiB: kib("VmRSS"), hwmKiB: kib("VmHWM") };
  } catch {
    return null;
  }
}

export function cmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
  } catch {
    return "?";
  }
}

/**
 * Samples the memory of one process (and the summed RSS of a whole tree) at a fixed interval; `mark` tags
 * the following samples with a phase so peaks can be reported per phase.
 */
export class MemorySampler {
  private timer: NodeJS.Timeout | null = null;
  private phase = "idle";
  readonly peakRss = new Map<string, number>();
  readonly peakTreeRss = new Map<string, number>();
  samples = 0;

  constructor(
    private readonly pid: number,
    private readonly treeRoot: number,
    private readonly everyMs = 100,
  ) {}

  start() {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
    this.timer.unref();
  }

  mark(phase: string) {
    this.sample();
    this.phase = phase;
    this.sample();
  }

  sample() {
    const m = memoryOf(this.pid);
    if (!m) return;
    this.samples++;
    this.peakRss.set(this.phase, Math.max(this.peakRss.get(this.phase) ?? 0, m.rssKiB));
    let tree = 0;
    for (const p of descendants(this.treeRoot)) tree += memoryOf(p)?.rssKiB ?? 0;
    this.peakTreeRss.set(this.phase, Math.max(this.peakTreeRss.get(this.phase) ?? 0, tree));
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
