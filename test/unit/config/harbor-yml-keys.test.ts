/** The harbor.yml key catalogue (lib/config/harbor-yml-keys.ts): which keys each version knows, and which a document requires. */
import { describe, expect, it } from "vitest";
import { knownHarborYmlKeys, requiredHarborYmlKeys } from "@/lib/config/harbor-yml-keys";

describe("key catalogue", () => {
  it("gates keys by version", () => {
    expect(knownHarborYmlKeys("2.1.6").has("metric")).toBe(false);
    expect(knownHarborYmlKeys("2.2.0").has("metric.path")).toBe(true);
    expect(knownHarborYmlKeys("2.7.4").has("storage_service.redirect.disabled")).toBe(true);
    expect(knownHarborYmlKeys("2.8.0").has("storage_service.redirect.disabled")).toBe(false);
    expect(knownHarborYmlKeys("2.0.6").has("external_redis.port")).toBe(true);
    expect(knownHarborYmlKeys("2.1.0").has("external_redis.port")).toBe(false);
    expect(knownHarborYmlKeys("1.9.4").size).toBe(0);
  });

  it("requires keys by what the document holds", () => {
    expect(requiredHarborYmlKeys("2.8.6", {})).toEqual(expect.arrayContaining(["jobservice.logger_sweeper_duration", "database"]));
    expect(requiredHarborYmlKeys("2.8.6", {})).not.toContain("jobservice.job_loggers");
    const withExternal = requiredHarborYmlKeys("2.11.2", { https: { port: 443 }, external_database: { harbor: {} }, metric: { enabled: true } });
    expect(withExternal).toEqual(expect.arrayContaining(["https.certificate", "external_database.harbor.db_name", "metric.path", "jobservice.job_loggers"]));
    expect(withExternal).not.toContain("database");
  });
});
