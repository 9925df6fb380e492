import { describe, expect, it } from "vitest";
import { call } from "@/test/harbor-sim/client";
import { startHarborSim, type SimInstanceSpec } from "@/test/harbor-sim";

const VERSIONS = ["2.15.2", "2.11.2", "2.8.6", "2.5.6", "2.0.6", "1.10.19"];

describe("harbor-sim at fleet scale", () => {
  it("starts 1,000 instances, answers on them and stops", async () => {
    const specs: SimInstanceSpec[] = Array.from({ length: 1000 }, (_, i) => ({
      id: `h${String(i).padStart(4, "0")}`,
      version: VERSIONS[i % VERSIONS.length],
      tls: i % 4 === 0,
      faults: { latencyMs: 0 },
    }));
    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    const t0 = performance.now();
    const sim = await startHarborSim({ instances: specs });
    const started = performance.now();
    const rss1 = process.memoryUsage().rss;
    try {
      expect(sim.instances).toHaveLength(1000);
      expect(new Set(sim.instances.map((i) => i.port)).size).toBe(1000);
      const sample = sim.instances.filter((_, i) => i % 50 === 7);
      expect(sample).toHaveLength(20);
      const answers = await Promise.all(sample.map((inst) => call(inst.baseUrl, "/api/version", { ca: sim.caPem })));
      sample.forEach((inst, i) => expect(answers[i].status, inst.spec.version).toBe(inst.spec.version.startsWith("1.") ? 404 : 200));
    } finally {
      const t2 = performance.now();
      await sim.stop();
      const t3 = performance.now();
      console.log(
        `[harbor-sim] 1000 instances: start ${(started - t0).toFixed(0)} ms, 20 calls ${(t2 - started).toFixed(0)} ms, stop ${(t3 - t2).toFixed(0)} ms, ` +
          `rss +${((rss1 - rss0) / 1048576).toFixed(1)} MiB`,
      );
    }
  }, 60_000);
});
