import { describe, expect, it } from "vitest";
import { clientAddress, normalizeAddress, UNKNOWN_ADDRESS } from "@/lib/security/client-address";
import { addPeer } from "@/lib/security/peer-address";

const xff = (v: string | undefined) => ({ "x-forwarded-for": v });

describe("clientAddress", () => {
  it("without a trusted proxy, takes the connection's own address, whatever the client wrote", () => {
    expect(clientAddress(xff("198.51.100.7"), 0)).toBe("198.51.100.7");
    expect(clientAddress(new Headers({ "x-forwarded-for": "198.51.100.7" }), 0)).toBe("198.51.100.7");
    expect(clientAddress(xff("::ffff:127.0.0.1"), 0)).toBe("127.0.0.1");
    // The peer is appended by the server (addPeer): a forged header never chooses the key.
    const req = {
      headers: { "x-forwarded-for": "6.6.6.6" } as Record<string, string | string[] | undefined>,
      socket: { remoteAddress: "::ffff:198.51.100.7" } as never,
    };
    addPeer(req);
    expect(req.headers["x-forwarded-for"]).toBe("6.6.6.6, ::ffff:198.51.100.7");
    expect(clientAddress(req.headers, 0)).toBe("198.51.100.7");
  });

  it("behind n trusted proxies, takes the entry n to the left of the connection's and ignores what the client wrote before it", () => {
    // client-written, client-written, what proxy 2 saw, what proxy 1 saw, the peer (proxy 1)
    const header = "6.6.6.6, 1.1.1.1, 203.0.113.9, 10.0.0.2, 10.0.0.1";
    expect(clientAddress(xff(header), 1)).toBe("10.0.0.2");
    expect(clientAddress(xff(header), 2)).toBe("203.0.113.9");
    // A forged entry on the left never wins, however many the client sends.
    expect(clientAddress(xff("1.2.3.4, 5.6.7.8, 203.0.113.9, 10.0.0.1"), 1)).toBe("203.0.113.9");
    // Fewer entries than proxies: the farthest one.
    expect(clientAddress(xff("203.0.113.9"), 3)).toBe("203.0.113.9");
    // Repeated headers arrive joined, or as a list.
    expect(clientAddress({ "x-forwarded-for": ["6.6.6.6", "203.0.113.9", "10.0.0.1"] }, 1)).toBe("203.0.113.9");
  });

  it("counts a missing or malformed address under one shared key", () => {
    expect(clientAddress({}, 0)).toBe(UNKNOWN_ADDRESS);
    expect(clientAddress(xff(""), 1)).toBe(UNKNOWN_ADDRESS);
    expect(clientAddress(xff("not-an-ip"), 0)).toBe(UNKNOWN_ADDRESS);
    expect(clientAddress(xff("1.2.3.4, unknown, 10.0.0.1"), 1)).toBe(UNKNOWN_ADDRESS);
  });
});

describe("normalizeAddress", () => {
  it("drops ports, brackets and zones", () => {
    expect(normalizeAddress("203.0.113.9:51234")).toBe("203.0.113.9");
    expect(normalizeAddress("[2001:db8::1]:443")).toBe("2001:db8:0:0::/64");
    expect(normalizeAddress("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
  });

  it("keys IPv6 by its /64, whatever the spelling, and IPv4-mapped IPv6 as IPv4", () => {
    expect(normalizeAddress("2001:db8:aa:bb:1:2:3:4")).toBe("2001:db8:aa:bb::/64");
    expect(normalizeAddress("2001:0DB8:00aa:bb::ffff")).toBe("2001:db8:aa:bb::/64");
    expect(normalizeAddress("::1")).toBe("0:0:0:0::/64");
    expect(normalizeAddress("::ffff:198.51.100.7")).toBe("198.51.100.7");
    expect(normalizeAddress("::ffff:c633:6407")).toBe("198.51.100.7");
    expect(normalizeAddress("64:ff9b::198.51.100.7")).toBe("64:ff9b:0:0::/64");
  });

  it("refuses what is not an IP address", () => {
    for (const s of ["", "localhost", "1.2.3", "1.2.3.4.5", "300.1.1.1", "::g", "[1.2.3.4"]) expect(normalizeAddress(s), s).toBeNull();
  });
});
