/**
 * A real OpenID Connect provider (the `oidc-provider` package, certified by the OpenID Foundation) for
 * single sign-on tests. Its built-in development screens accept any login: the login becomes the subject,
 * and `<login>@sso.test` the email — verified, unless the login starts with `unverified-`.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

export async function startTestIdp(opts: { redirectUri: string; port?: number }): Promise<TestIdp> {
  const { default: Provider } = await import("oidc-provider");
  const clientId = "fleet-console";
  const clientSecret = "fleet-console-test-secret";
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      { client_id: clientId, client_secret: clientSecret, redirect_uris: [opts.redirectUri], grant_types: ["authorization_code"], response_types: ["code"] },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    pkce: { required: () => true },
    ttl: { AccessToken: 600, IdToken: 600, Interaction: 600, Session: 3600, Grant: 600, AuthorizationCode: 60 },
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => ({ sub, email: `${sub}@sso.test`, email_verified: !sub.startsWith("unverified-"), name: `SSO ${sub}` }),
    }),
  });
  provider.on("server_error", (_ctx, err) => console.error(`[test idp] ${err.message}`));
  server.on("request", provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
