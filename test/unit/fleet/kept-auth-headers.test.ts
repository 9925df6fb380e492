/**
 * Security review F1 (the domain rule): an empty auth header keeps the stored one only for the same target (by the
 * type and address it was loaded with) at exactly that type and address; a changed address is a field error on that
 * target's auth header.
 */
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { ADDRESS_CHANGED, keptAuthHeaders } from "@/lib/fleet/webhooks/kept-auth-headers";
import { EMPTY_TARGET, type TWebhookTargetFields } from "@/lib/schemas/webhook";

const stored = [
  { type: "http", address: "https://a.example/hook", auth_header: "Bearer A-SECRET" },
  { type: "http", address: "https://b.example/hook", auth_header: null },
  { type: "slack", address: "https://hooks.slack.com/services/T/B/x", auth_header: "Bearer S" },
];
const t = (o: Partial<TWebhookTargetFields>): TWebhookTargetFields => ({ ...EMPTY_TARGET, ...o });
const from = (i: number) => ({ type: stored[i].type, address: stored[i].address });

function refusal(f: () => unknown): AppError {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  return expect.fail("not refused");
}

describe("keptAuthHeaders", () => {
  it("keeps the stored header of an unchanged target; typed and cleared headers win", () => {
    expect(keptAuthHeaders([t({ address: stored[0].address, original: from(0) })], stored)).toEqual(["Bearer A-SECRET"]);
    expect(keptAuthHeaders([t({ address: stored[0].address, original: from(0), authHeader: "Bearer NEW" })], stored)).toEqual(["Bearer NEW"]);
    expect(keptAuthHeaders([t({ address: stored[0].address, original: from(0), clearAuthHeader: true })], stored)).toEqual([null]);
  });

  it("a changed address with the header left empty is refused at that target's auth header", () => {
    const e = refusal(() =>
      keptAuthHeaders([t({ address: stored[1].address, original: from(1) }), t({ address: "https://attacker.example/steal", original: from(0) })], stored),
    );
    expect(e.code).toBe("validation");
    expect(e.fieldErrors).toEqual({ "targets.1.authHeader": [ADDRESS_CHANGED] });
  });

  it("a changed type is refused too; a changed address with a new or cleared header is fine", () => {
    expect(refusal(() => keptAuthHeaders([t({ type: "http", address: stored[2].address, original: from(2) })], stored)).fieldErrors).toHaveProperty([
      "targets.0.authHeader",
    ]);
    expect(keptAuthHeaders([t({ address: "https://new.example/", original: from(0), authHeader: "Bearer N" })], stored)).toEqual(["Bearer N"]);
    expect(keptAuthHeaders([t({ address: "https://new.example/", original: from(0), clearAuthHeader: true })], stored)).toEqual([null]);
  });

  it("after removing target 1, target 2 (found by its original address) does not inherit target 1's header", () => {
    expect(keptAuthHeaders([t({ address: stored[1].address, original: from(1) })], stored)).toEqual([null]);
  });

  it("a target without header stored may change its address freely", () => {
    expect(keptAuthHeaders([t({ address: "https://elsewhere.example/", original: from(1) })], stored)).toEqual([null]);
  });

  it("a new target (no original) gets none, unless it names exactly a stored target's type and address", () => {
    expect(keptAuthHeaders([t({ address: "https://new.example/" })], stored)).toEqual([null]);
    expect(keptAuthHeaders([t({ address: stored[0].address })], stored)).toEqual(["Bearer A-SECRET"]);
  });
});
