import net from "node:net";

/**
 * IPv4 addresses an IPv6 address carries, for the outbound policy: a refused IPv4 address must stay refused in every
 * IPv6 spelling a stack may translate or tunnel to it. Pure.
 * - ::ffff:0:a.b.c.d (IPv4-translated, ::ffff:0:0/96): the last 32 bits
 * - 2002:aabb:ccdd::/16 (6to4): bits 16–48
 * - 2001:0::/32 (Teredo): the server in bits 32–64, the client in the last 32 bits, inverted
 */
export function embeddedIPv4(address: string): string[] {
  const b = ipv6Bytes(address);
  if (!b) return [];
  const v4 = (o: number, invert = false) => Array.from(b.subarray(o, o + 4), (x) => (invert ? x ^ 0xff : x)).join(".");
  const zero = (from: number, to: number) => b.subarray(from, to).every((x) => x === 0);
  if (zero(0, 8) && b[8] === 0xff && b[9] === 0xff && zero(10, 12)) return [v4(12)];
  if (b[0] === 0x20 && b[1] === 0x02) return [v4(2)];
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0 && b[3] === 0) return [v4(4), v4(12, true)];
  return [];
}

/** The 16 bytes of an IPv6 address (with or without a trailing dotted quad), or null. */
export function ipv6Bytes(address: string): Uint8Array | null {
  if (!net.isIPv6(address)) return null;
  let s = address.split("%")[0];
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (quad) {
    const [a, b, c, d] = quad[1].split(".").map(Number);
    s = s.slice(0, -quad[1].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = s.split("::");
  const parts = (x: string | undefined) => (x ? x.split(":") : []);
  const h = parts(head);
  const t = parts(tail);
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  if (groups.length !== 8) return null;
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    const n = parseInt(g, 16);
    out[2 * i] = n >> 8;
    out[2 * i + 1] = n & 0xff;
  });
  return out;
}
