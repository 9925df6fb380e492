import { describe, expect, it } from "vitest";
import { describeLoginError, LOGIN_ADDRESS_LOCKED_PREFIX, LOGIN_LOCKED_PREFIX } from "@/lib/schemas/login-error";

describe("describeLoginError", () => {
  it("says how long an email lock lasts, in whole minutes rounded up", () => {
    expect(describeLoginError(`${LOGIN_LOCKED_PREFIX}60`)).toBe("Too many failed sign-ins for this email. Wait 1 minute and try again.");
    expect(describeLoginError(`${LOGIN_LOCKED_PREFIX}61`)).toBe("Too many failed sign-ins for this email. Wait 2 minutes and try again.");
    expect(describeLoginError(`${LOGIN_LOCKED_PREFIX}1`)).toBe("Too many failed sign-ins for this email. Wait 1 minute and try again.");
  });

  it("names the network address, not the email, for an address lock", () => {
    expect(describeLoginError(`${LOGIN_ADDRESS_LOCKED_PREFIX}300`)).toBe("Too many failed sign-ins from your network address. Wait 5 minutes and try again.");
    expect(describeLoginError(`${LOGIN_ADDRESS_LOCKED_PREFIX}3600`)).toBe("Too many failed sign-ins from your network address. Wait 60 minutes and try again.");
  });

  it("gives every other refusal the same words, whatever it was", () => {
    for (const code of ["CredentialsSignin", "", "locked", "address-locked", "Something else"])
      expect(describeLoginError(code)).toBe("Invalid email or password.");
    expect(describeLoginError(`${LOGIN_LOCKED_PREFIX}garbage`)).toBe("Too many failed sign-ins for this email. Wait 1 minute and try again.");
  });
});

describe("server-side sign-in failures", () => {
  it("only our codes may travel in the sign-in URL, each with its sentence", async () => {
    const { describeLoginError, describeServerLoginError, isLoginErrorCode, LOGIN_DATABASE_UNREACHABLE, LOGIN_FAILED } =
      await import("@/lib/schemas/login-error");
    expect(isLoginErrorCode(LOGIN_DATABASE_UNREACHABLE)).toBe(true);
    expect(isLoginErrorCode(LOGIN_FAILED)).toBe(true);
    expect(isLoginErrorCode("locked:60")).toBe(true);
    expect(isLoginErrorCode("Can't reach database server at 127.0.0.1:5432")).toBe(false);
    expect(describeLoginError(LOGIN_DATABASE_UNREACHABLE)).toMatch(/database is unreachable/);
    expect(describeServerLoginError("Can't reach database server at 127.0.0.1:5432")).toBeNull();
  });
});
