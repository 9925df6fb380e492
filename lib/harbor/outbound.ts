import "server-only";
import dns, { type LookupAddress } from "node:dns";
import net from "node:net";
import { buildConnector } from "undici";
import { OUTBOUND_REFUSED, outboundRefusalMessage } from "./error-mapping";
import { embeddedIPv4 } from "./ipv6-embedded";

/**
 * Which addresses the transport connects to. Checked in the connector on every new connection, after DNS (the
 * address the socket dials is the one checked), so neither an encoded URL (http://0x7f000001/, http://[::ffff:7f00:1]/)
 * nor a name resolving to a refused address, nor DNS rebinding between calls gets through. Private ranges (10/8,
 * 172.16/12, 192.168/16, 100.64/10, fc00::/7) stay allowed: that is where Harbors live. Refused unless allow-listed:
 * loopback, link-local, cloud metadata, unspecified, multicast, broadcast/reserved, and those addresses embedded in
 * IPv4-compatible or NAT64 IPv6. IPv4-mapped IPv6 (::ffff:a.b.c.d) is matched by the IPv4 rules (net.BlockList); the
 * IPv4 address inside IPv4-translated (::ffff:0:0/96), 6to4 (2002::/16) and Teredo (2001::/32) addresses is checked
 * by the same rules. With refusePrivate, benchmarking (198.18/15), IETF protocol (192.0.0/24), site-local (fec0::/10)
 * and local-use NAT64 (64:ff9b:1::/48) addresses are refused as well.
 */

export interface OutboundOptions {
  /** addresses and CIDR ranges allowed although refused by default, e.g. ["127.0.0.0/8"] */
  allow?: readonly string[];
  /**
   * Refuse private ranges too (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7) unless allow-listed: for requests to
   * addresses a user typed (a webhook test delivery), which must not reach into the console's own network.
   */
  refusePrivate?: boolean;
  /** name resolution (default: dns.lookup, all addresses); tests inject their own */
  resolve?: OutboundResolver;
}

export type OutboundResolver = (hostname: string, options: { family?: number; hints?: number }) => Promise<LookupAddress[]>;

interface Rule {
  /** "a loopback address" */
  what: string;
  v4?: [string, number][];
  v6?: [string, number][];
}

// First match names the reason; the metadata endpoints come before the ranges that hold them.
const RULES: Rule[] = [
  {
    what: "a link-local/metadata address",
    v4: [
      ["169.254.169.254", 32],
      ["169.254.170.2", 32],
    ],
  },
  {
    what: "a cloud metadata address",
    v4: [
      ["100.100.100.200", 32],
      ["168.63.129.16", 32],
    ],
    v6: [["fd00:ec2::254", 128]],
  },
  { what: "a loopback address", v4: [["127.0.0.0", 8]], v6: [["::1", 128]] },
  { what: "an unspecified address", v4: [["0.0.0.0", 8]], v6: [["::", 128]] },
  { what: "a link-local address", v4: [["169.254.0.0", 16]], v6: [["fe80::", 10]] },
  { what: "a multicast address", v4: [["224.0.0.0", 4]], v6: [["ff00::", 8]] },
  { what: "a broadcast/reserved address", v4: [["240.0.0.0", 4]] },
  // Deprecated (RFC 4291): never a real Harbor, and some stacks route ::7f00:1 to 127.0.0.1.
  { what: "an IPv4-compatible IPv6 address", v6: [["::", 96]] },
];

/** IPv6 prefixes that carry an IPv4 address in their last 32 bits (NAT64 well-known prefix). */
const EMBEDDING_V6 = ["64:ff9b::"];

const DEFAULT_DENY: { what: string; list: net.BlockList }[] = RULES.map((r) => {
  const list = new net.BlockList();
  for (const [a, p] of r.v4 ?? []) {
    list.addSubnet(a, p, "ipv4");
    for (const prefix of EMBEDDING_V6) list.addSubnet(prefix + a, 96 + p, "ipv6");
  }
  for (const [a, p] of r.v6 ?? []) list.addSubnet(a, p, "ipv6");
  return { what: r.what, list };
});

const PRIVATE_DENY = (() => {
  const list = new net.BlockList();
  const v4 = [
    ["10.0.0.0", 8],
    ["172.16.0.0", 12],
    ["192.168.0.0", 16],
    ["100.64.0.0", 10],
    ["198.18.0.0", 15],
    ["192.0.0.0", 24],
  ] as const;
  for (const [a, p] of v4) {
    list.addSubnet(a, p, "ipv4");
    for (const prefix of EMBEDDING_V6) list.addSubnet(prefix + a, 96 + p, "ipv6");
  }
  list.addSubnet("fc00::", 7, "ipv6");
  list.addSubnet("fec0::", 10, "ipv6");
  list.addSubnet("64:ff9b:1::", 48, "ipv6");
  return { what: "a private address", list };
})();

const familyOf = (address: string) => (net.isIPv6(address) ? "ipv6" : "ipv4");

/** The address itself and the IPv4 addresses it carries (6to4, Teredo, IPv4-translated). */
const forms = (address: string) => [address, ...embeddedIPv4(address)];

/** Why `address` is refused by default ("a loopback address"), or null when it is not. */
export function defaultRefusal(address: string): string | null {
  if (!net.isIP(address)) return "not an IP address";
  for (const a of forms(address)) for (const r of DEFAULT_DENY) if (r.list.check(a, familyOf(a))) return r.what;
  return null;
}

function privateRefusal(address: string): string | null {
  return forms(address).some((a) => PRIVATE_DENY.list.check(a, familyOf(a))) ? PRIVATE_DENY.what : null;
}

/** "10.0.0.0/8" or "10.0.0.1" → a BlockList of allowed addresses; throws on an entry it cannot read. */
export function allowListOf(entries: readonly string[]): net.BlockList {
  const list = new net.BlockList();
  for (const raw of entries) {
    const [address, prefix, extra] = raw.trim().split("/");
    const family = net.isIPv6(address) ? "ipv6" : net.isIPv4(address) ? "ipv4" : null;
    if (!family || extra !== undefined) throw new Error(`outbound: not an address or CIDR range: ${JSON.stringify(raw)}`);
    if (prefix === undefined) list.addAddress(address, family);
    else {
      const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
      if (!(bits <= (family === "ipv4" ? 32 : 128))) throw new Error(`outbound: bad prefix length in ${JSON.stringify(raw)}`);
      list.addSubnet(address, bits, family);
    }
  }
  return list;
}

export interface OutboundPolicy {
  /** Why the console will not connect to `address` under this policy; null when it may. */
  refusal(address: string): string | null;
}

export function createOutboundPolicy(o: OutboundOptions = {}): OutboundPolicy {
  const allowed = allowListOf(o.allow ?? []);
  return {
    refusal(address) {
      const why = defaultRefusal(address) ?? (o.refusePrivate ? privateRefusal(address) : null);
      if (!why || why === "not an IP address") return why;
      return allowed.check(address, familyOf(address)) ? null : why;
    },
  };
}

/** The error a refused connection fails with; error-mapping turns it into the user's message. */
export class OutboundRefusedError extends Error {
  readonly code = OUTBOUND_REFUSED;
  constructor(
    readonly address: string,
    readonly what: string,
    readonly hostname: string | null,
  ) {
    super(outboundRefusalMessage({ address, what, hostname }));
    this.name = "OutboundRefusedError";
  }
}

const systemResolve: OutboundResolver = (hostname, options) => dns.promises.lookup(hostname, { ...options, all: true });

/**
 * The `lookup` net/tls use for names: every address the name resolves to must pass (a name that also resolves to
 * a refused address is refused, whichever address the socket would pick first).
 */
function guardedLookup(policy: OutboundPolicy, resolve: OutboundResolver): net.LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { family: typeof options.family === "number" ? options.family : undefined, hints: options.hints }).then(
      (addresses) => {
        if (!addresses.length) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND", hostname }), []);
        for (const a of addresses) {
          const why = policy.refusal(a.address);
          if (why) return callback(new OutboundRefusedError(a.address, why, hostname), []);
        }
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      },
      (err: NodeJS.ErrnoException) => callback(err, []),
    );
  };
}

/**
 * An undici connector applying the policy to every new connection: an IP literal is checked as is, a name
 * through the guarded lookup. Everything else (TLS options, timeout) is undici's own connector.
 */
export function guardedConnector(connectOptions: buildConnector.BuildOptions, o: OutboundOptions = {}): buildConnector.connector {
  const policy = createOutboundPolicy(o);
  const base = buildConnector({ ...connectOptions, lookup: guardedLookup(policy, o.resolve ?? systemResolve) } as buildConnector.BuildOptions);
  return (options, callback) => {
    if (net.isIP(options.hostname)) {
      const why = policy.refusal(options.hostname);
      if (why) {
        process.nextTick(() => callback(new OutboundRefusedError(options.hostname, why, null), null));
        return;
      }
    }
    return base(options, callback);
  };
}
