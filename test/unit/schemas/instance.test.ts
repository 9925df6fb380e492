import { describe, expect, it } from "vitest";
import { normalizeBaseUrl, parseLabels, pemBlocks, ZInstanceListParams, ZInstanceUpdateInput } from "@/lib/schemas/instance";
import { BODY, fieldErrors, PEM, validUpdate } from "./instance-fixtures";

describe("ZInstanceUpdateInput", () => {
  it("makes the secret optional (empty keeps the stored one)", () => {
    const { secret, ...noSecret } = validUpdate;
    void secret;
    expect(ZInstanceUpdateInput.parse(noSecret).secret).toBe("");
    expect(ZInstanceUpdateInput.parse({ ...validUpdate, secret: "" }).secret).toBe("");
    expect(ZInstanceUpdateInput.parse({ ...validUpdate, secret: "new" }).secret).toBe("new");
  });

  it("requires a uuid id and a positive integer version (coerced from form strings)", () => {
    expect(ZInstanceUpdateInput.parse({ ...validUpdate, version: "7" }).version).toBe(7);
    const errs = fieldErrors(ZInstanceUpdateInput, { ...validUpdate, id: "not-a-uuid", version: "0" });
    expect(errs.id).toBeDefined();
    expect(errs.version).toBeDefined();
    expect(fieldErrors(ZInstanceUpdateInput, { ...validUpdate, version: "1.5" }).version).toBeDefined();
  });

  it("applies the same URL rules as create", () => {
    expect(fieldErrors(ZInstanceUpdateInput, { ...validUpdate, baseUrl: "https://harbor.example.com/api/v2.0" }).baseUrl).toBeDefined();
    expect(ZInstanceUpdateInput.parse({ ...validUpdate, baseUrl: "https://harbor.example.com/" }).baseUrl).toBe("https://harbor.example.com");
  });
});

describe("normalizeBaseUrl", () => {
  it("trims and removes all trailing slashes, nothing else", () => {
    expect(normalizeBaseUrl(" https://h.example.com// ")).toBe("https://h.example.com");
    expect(normalizeBaseUrl("https://h.example.com/a/b")).toBe("https://h.example.com/a/b");
  });
});

describe("parseLabels", () => {
  it("returns no labels and no error for empty text", () => {
    expect(parseLabels("")).toEqual({ labels: [] });
    expect(parseLabels(" , \n ,")).toEqual({ labels: [] });
  });

  it("splits on commas and new lines and trims whitespace around items, keys and values", () => {
    expect(parseLabels(" region = eu ,team=platform\n\n tier=gold \r")).toEqual({ labels: ["region=eu", "team=platform", "tier=gold"] });
  });

  it("allows an empty value and key characters . _ / -", () => {
    expect(parseLabels("k8s.io/app_name-x=, a=b:c/d")).toEqual({ labels: ["k8s.io/app_name-x=", "a=b:c/d"] });
  });

  it("rejects an item that is not key=value, naming it", () => {
    expect(parseLabels("region=eu, standalone").error).toBe('"standalone" is not key=value');
    expect(parseLabels("=value").error).toBe('"=value" is not key=value');
  });

  it("rejects a duplicate key", () => {
    expect(parseLabels("region=eu, region=us").error).toBe('label "region" is given twice');
  });

  it("rejects bad key characters and keys starting or ending with a separator", () => {
    for (const text of ["reg ion=eu", "région=eu", "-region=eu", "region-=eu", "a:b=c"]) {
      expect(parseLabels(text).error, text).toMatch(/is not a valid label key/);
    }
  });

  it("rejects keys longer than 63 characters", () => {
    expect(parseLabels(`${"k".repeat(63)}=v`).error).toBeUndefined();
    expect(parseLabels(`${"k".repeat(64)}=v`).error).toMatch(/is not a valid label key/);
  });

  it("rejects bad value characters and values longer than 63", () => {
    expect(parseLabels("region=eu west").error).toMatch(/^the value of "region"/);
    expect(parseLabels("region=a=b").error).toMatch(/^the value of "region"/);
    expect(parseLabels(`k=${"v".repeat(63)}`).error).toBeUndefined();
    expect(parseLabels(`k=${"v".repeat(64)}`).error).toMatch(/^the value of "k"/);
  });

  it("accepts 20 labels and rejects 21", () => {
    const make = (n: number) => Array.from({ length: n }, (_, i) => `k${i}=v`).join(",");
    expect(parseLabels(make(20))).toEqual({ labels: Array.from({ length: 20 }, (_, i) => `k${i}=v`) });
    expect(parseLabels(make(21)).error).toBe("at most 20 labels");
  });
});

describe("pemBlocks", () => {
  it("returns the block for one valid-shaped certificate", () => {
    expect(pemBlocks(PEM)).toEqual([PEM]);
  });

  it("returns every block when several are pasted, with blank lines between", () => {
    expect(pemBlocks(`${PEM}\n\n${PEM}\n`)).toEqual([PEM, PEM]);
  });

  it("returns null for garbage, empty text or text around the block", () => {
    expect(pemBlocks("garbage")).toBeNull();
    expect(pemBlocks("")).toBeNull();
    expect(pemBlocks(`before\n${PEM}`)).toBeNull();
    expect(pemBlocks(`${PEM}\nafter`)).toBeNull();
    expect(pemBlocks(`${PEM}\nbetween\n${PEM}`)).toBeNull();
  });

  it("returns null when the body holds non-base64 characters or the END line is missing", () => {
    expect(pemBlocks(`-----BEGIN CERTIFICATE-----\nnot*base64!\n-----END CERTIFICATE-----`)).toBeNull();
    expect(pemBlocks(`-----BEGIN CERTIFICATE-----\n${BODY}\n`)).toBeNull();
  });

  it("gives the same answer on repeated calls (global regex state does not leak)", () => {
    for (let i = 0; i < 3; i++) expect(pemBlocks(PEM)).toEqual([PEM]);
  });
});

describe("ZInstanceListParams", () => {
  it("defaults page to 1 and leaves the rest undefined", () => {
    expect(ZInstanceListParams.parse({})).toEqual({ page: 1 });
  });

  it("coerces page from a string and bounds it", () => {
    expect(ZInstanceListParams.parse({ page: "3" }).page).toBe(3);
    expect(ZInstanceListParams.safeParse({ page: "0" }).success).toBe(false);
    expect(ZInstanceListParams.safeParse({ page: "100001" }).success).toBe(false);
    expect(ZInstanceListParams.safeParse({ page: "2.5" }).success).toBe(false);
    expect(ZInstanceListParams.safeParse({ page: "abc" }).success).toBe(false);
  });

  it("trims q and drops (catches) a q longer than 100 characters instead of failing", () => {
    expect(ZInstanceListParams.parse({ q: "  harbor  " }).q).toBe("harbor");
    expect(ZInstanceListParams.parse({ q: "x".repeat(101) }).q).toBeUndefined();
  });

  it("accepts label filters as key or key=value only", () => {
    expect(ZInstanceListParams.parse({ label: "region" }).label).toBe("region");
    expect(ZInstanceListParams.parse({ label: "region=eu" }).label).toBe("region=eu");
    expect(ZInstanceListParams.parse({ label: "region=" }).label).toBe("region=");
    for (const bad of ["a=b=c", "a b", "a,b", "=eu"]) expect(ZInstanceListParams.safeParse({ label: bad }).success, bad).toBe(false);
  });

  it("accepts only known environments", () => {
    expect(ZInstanceListParams.parse({ environment: "staging" }).environment).toBe("staging");
    expect(ZInstanceListParams.safeParse({ environment: "qa" }).success).toBe(false);
  });
});
