import { afterEach, describe, expect, it, vi } from "vitest";
import { allowKeepAlive, closePools, keepAliveFor, openPools, poolFor, retireAfterMs } from "@/lib/fleet/collector/connections";
import { pollJobLimits } from "@/lib/fleet/collector/queue";

describe("keepAliveFor (idle connections kept between polls)", () => {
  it("keeps a connection across one interval plus slack, under nginx's 75 s", () => {
    expect(keepAliveFor(60)).toBe(70_000);
    expect(keepAliveFor(30)).toBe(40_000);
    expect(keepAliveFor(60)! < 75_000).toBe(true);
  });
  it("does not keep connections the server would close first (long intervals) or without an interval", () => {
    expect(keepAliveFor(61)).toBeUndefined();
    expect(keepAliveFor(300)).toBeUndefined();
    expect(keepAliveFor(undefined)).toBeUndefined();
  });
});

describe("connection pools (one per distinct connection settings, shared by the instances)", () => {
  const settings = { caBundle: null, skipTlsVerify: false, timeoutMs: 10_000, connectTimeoutMs: 5_000, keepAliveMs: 70_000, outbound: { allow: [] } };
  afterEach(() => {
    closePools();
    allowKeepAlive(true);
  });

  it("gives instances with the same settings one pool, whatever their number", () => {
    const first = poolFor(settings);
    for (let i = 0; i < 100; i++) expect(poolFor({ ...settings })).toBe(first);
    expect(openPools()).toBe(1);
  });

  it("gives other TLS settings, timeouts or keep-alive another pool", () => {
    const plain = poolFor(settings);
    const ca = poolFor({ ...settings, caBundle: "-----BEGIN CERTIFICATE-----\nA\n-----END CERTIFICATE-----" });
    const otherCa = poolFor({ ...settings, caBundle: "-----BEGIN CERTIFICATE-----\nB\n-----END CERTIFICATE-----" });
    const insecure = poolFor({ ...settings, skipTlsVerify: true });
    const slower = poolFor({ ...settings, timeoutMs: 20_000 });
    expect(new Set([plain, ca, otherCa, insecure, slower]).size).toBe(5);
    expect(poolFor({ ...settings, caBundle: "-----BEGIN CERTIFICATE-----\nA\n-----END CERTIFICATE-----" })).toBe(ca);
    expect(openPools()).toBe(5);
  });

  it("replaces every pool when the outbound allow-list changes", () => {
    const before = poolFor(settings);
    const after = poolFor({ ...settings, outbound: { allow: ["10.0.0.0/8"] } });
    expect(after).not.toBe(before);
    expect(openPools()).toBe(1);
  });

  it("keeps a replaced pool open for the polls still using it, and closes it once no poll can hold it", async () => {
    vi.useFakeTimers();
    try {
      const before = poolFor(settings);
      poolFor({ ...settings, outbound: { allow: ["10.0.0.0/8"] } });
      // a poll that took `before` may still send its next request: the pool must accept it (undici refuses every
      // request once close() was called: "The client is destroyed")
      expect(before.closed).toBe(false);
      await vi.advanceTimersByTimeAsync(retireAfterMs(settings.timeoutMs) - 1);
      expect(before.closed).toBe(false);
      await vi.advanceTimersByTimeAsync(2);
      expect(before.closed).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("retires a pool no sooner than a poll job may live", () => {
    for (const t of [1_000, 10_000, 30_000, 120_000]) expect(retireAfterMs(t)).toBeGreaterThanOrEqual(pollJobLimits(t).expireInSeconds * 1000);
  });

  it("does not keep idle connections when the file-descriptor limit cannot hold them", () => {
    const kept = poolFor(settings);
    allowKeepAlive(false);
    const notKept = poolFor(settings);
    expect(notKept).not.toBe(kept);
    expect(poolFor({ ...settings, keepAliveMs: undefined })).toBe(notKept);
  });
});
