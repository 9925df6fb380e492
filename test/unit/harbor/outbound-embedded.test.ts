/**
 * Security review F6: IPv6 forms that carry an IPv4 address, and reserved ranges, are refused like the IPv4 address
 * they carry; a test delivery (refusePrivate) refuses the reserved and local-use ranges too.
 */
import { describe, expect, it } from "vitest";
import { embeddedIPv4, ipv6Bytes } from "@/lib/harbor/ipv6-embedded";
import { createOutboundPolicy, defaultRefusal } from "@/lib/harbor/outbound";

const strict = createOutboundPolicy({ refusePrivate: true });

describe("IPv4 carried in IPv6", () => {
  it.each([
    ["::ffff:0:7f00:1", ["127.0.0.1"]],
    ["::ffff:0:10.0.0.1", ["10.0.0.1"]],
    ["2002:7f00:1::", ["127.0.0.1"]],
    ["2002:a00:1:1::1", ["10.0.0.1"]],
    ["2001:0:4136:e378:8000:63bf:80ff:fffe", ["65.54.227.120", "127.0.0.1"]],
    ["2001:4860:4860::8888", []],
    ["::ffff:7f00:1", []],
  ])("%s carries %j", (address, v4) => {
    expect(embeddedIPv4(address)).toEqual(v4);
  });

  it("reads compressed, full and dotted-quad spellings to the same bytes", () => {
    expect(ipv6Bytes("0:0:0:0:0:ffff:0:7f00:1")).toBeNull();
    expect([...ipv6Bytes("::ffff:0:127.0.0.1")!]).toEqual([...ipv6Bytes("0:0:0:0:ffff:0:7f00:1")!]);
    expect(ipv6Bytes("10.0.0.1")).toBeNull();
  });
});

describe("the outbound policy refuses each form", () => {
  it.each([
    ["::ffff:0:7f00:1", "a loopback address"],
    ["2002:7f00:1::", "a loopback address"],
    ["2002:a9fe:a9fe::1", "a link-local/metadata address"],
    ["2001:0:4136:e378:8000:63bf:80ff:fffe", "a loopback address"],
  ])("by default (Harbor connections too): %s is %s", (address, what) => {
    expect(defaultRefusal(address)).toBe(what);
    expect(createOutboundPolicy().refusal(address)).toBe(what);
    expect(strict.refusal(address)).toBe(what);
  });

  it.each([
    "::ffff:0:a00:1",
    "2002:a00:1::",
    "2002:c0a8:101::",
    "64:ff9b:1::7f00:1",
    "64:ff9b:1:2::a",
    "198.18.0.1",
    "198.19.255.254",
    "192.0.0.1",
    "fec0::1",
    "feff::1",
  ])("with refusePrivate (test deliveries): %s is a private address", (address) => {
    expect(strict.refusal(address)).toBe("a private address");
  });

  it("keeps public addresses and the neighbours of the new ranges open", () => {
    for (const a of ["198.17.255.255", "198.20.0.1", "192.0.1.1", "2002:808:808::1", "2001:0:4136:e378:8000:63bf:f7f7:f7f7", "2001:4860:4860::8888"]) {
      expect(strict.refusal(a), a).toBeNull();
    }
  });

  it("the Harbor-connection policy still allows private ranges carried in 6to4 (Harbors live there)", () => {
    expect(createOutboundPolicy().refusal("2002:a00:1::")).toBeNull();
  });

  it("an admin's allow-list entry for the IPv6 address opens it", () => {
    expect(createOutboundPolicy({ refusePrivate: true, allow: ["2002:a00:1::/48"] }).refusal("2002:a00:1::")).toBeNull();
  });
});
