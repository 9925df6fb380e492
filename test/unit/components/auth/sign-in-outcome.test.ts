import { describe, expect, it } from "vitest";
import { signInOutcome, wrongHostError } from "@/components/auth/sign-in-outcome";

const res = (error: string | null, url: string | null, status = 200) => ({ error, url, status, ok: status === 200 });

describe("signInOutcome: what next-auth's signIn('credentials', { redirect: false }) answered", () => {
  it("a success: no error, and the page to go to", () => {
    // next-auth answers with its redirect's status (302) as JSON: `ok` is false on success too.
    expect(signInOutcome(res(null, "http://127.0.0.1:3107/audit", 302))).toEqual({ kind: "signed-in" });
  });

  it("a refusal, with its code; one because of the address, told apart", () => {
    expect(signInOutcome(res("CredentialsSignin", null, 401))).toEqual({ kind: "refused", code: "CredentialsSignin" });
    expect(signInOutcome(res("locked:60", null, 401))).toEqual({ kind: "refused", code: "locked:60" });
    expect(signInOutcome(res("WrongHost", null, 401))).toEqual({ kind: "wrong-host" });
    expect(signInOutcome(undefined)).toEqual({ kind: "refused", code: "" });
  });

  it("no error but next-auth's own sign-in page with csrf=true: the browser kept no cookie (an https console opened over http)", () => {
    expect(signInOutcome(res(null, "https://console.example.com/api/auth/signin?csrf=true", 302))).toEqual({ kind: "cookie-lost" });
    expect(signInOutcome(res(null, null, 302))).toEqual({ kind: "cookie-lost" });
  });
});

describe("wrongHostError", () => {
  it("names both addresses when known", () => {
    expect(wrongHostError({ opened: "http://10.0.0.5:3000", configured: "https://console.example.com" })).toBe(
      "Not signed in: sign-in only works at https://console.example.com, not at http://10.0.0.5:3000.",
    );
    expect(wrongHostError(null)).toBe("Not signed in: sign-in only works at the console's configured address (NEXTAUTH_URL).");
  });
});
