import net from "node:net";

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

/** The key under which failures from an address are counted when no address can be read. */
export const UNKNOWN_ADDRESS = "unknown";

/**
 * The client's address as a sign-in throttle key, from X-Forwarded-For. The console appends the address of the
 * connection itself (lib/security/peer-address.ts), so the rightmost entry is always the peer it saw. With
 * `trustedProxies` = 0 that peer is the client; with n trusted proxies in front, each appending the address it
 * received from, the client is n entries left of it; whatever the client wrote further left is ignored.
 *
 * IPv4-mapped IPv6 becomes IPv4; other IPv6 is keyed by its /64, which one client typically owns whole. A missing
 * or malformed entry counts under one shared key, so garbage in the header buys no fresh counter.
 */
export function clientAddress(headers: HeaderBag, trustedProxies: number): string {
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers["x-forwarded-for"];
  const entries = (Array.isArray(raw) ? raw.join(",") : (raw ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) return UNKNOWN_ADDRESS;
  const hops = Math.max(0, trustedProxies) + 1;
  // Fewer entries than proxies: a proxy is missing or misconfigured; the farthest entry is the best guess.
  return normalizeAddress(entries[Math.max(0, entries.length - hops)]) ?? UNKNOWN_ADDRESS;
}

/** An address as a key: IPv4 as is, IPv6 by its /64; null when it is not an IP address. */
export function normalizeAddress(entry: string): string | null {
  let s = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  s = s.replace(/%.*$/, ""); // an IPv6 zone
  if (net.isIPv4(s)) return s;
  if (!net.isIPv6(s)) return null;
  const groups = expandIPv6(s.toLowerCase());
  const mapped = /^0:0:0:0:0:ffff:/.test(groups.join(":"));
  if (mapped) return [groups[6], groups[7]].flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 255]).join(".");
  return `${groups.slice(0, 4).join(":")}::/64`;
}

/** Eight hexadecimal groups without leading zeros, for a valid IPv6 address (an embedded IPv4 tail included). */
function expandIPv6(s: string): string[] {
  const v4 = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(s);
  if (v4) {
    const [a, b, c, d] = v4[1].split(".").map(Number);
    s = `${s.slice(0, -v4[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = s.includes("::") ? s.split("::") : [s, null];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const zeros = tail === null ? [] : Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right].map((g) => parseInt(g, 16).toString(16));
}
