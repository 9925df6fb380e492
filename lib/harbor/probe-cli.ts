/**
 * `npm run probe -- <base-url> [--user U --password-env VAR] [--ca file.pem] [--insecure] [--allow CIDR]… [--json]`
 * The same connection test as the console's button, from this host. Exit 0 when Harbor is reachable and
 * the credential is valid; 1 otherwise; 2 on bad usage. The password is read from an environment variable,
 * never from the command line (where `ps` and shell history would show it). The same outbound policy as the
 * console: loopback, link-local and metadata addresses only when allowed (CONSOLE_OUTBOUND_ALLOW, --allow).
 * Runs with `--conditions=react-server` so that the server-only modules load outside Next.js.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { ZOutboundAllowText } from "../schemas/settings";
import { createHarborClient } from "./transport";
import { testConnection } from "./probe";

const USAGE = "usage: npm run probe -- <base-url> [--user USER --password-env VAR] [--ca ca.pem] [--insecure] [--allow CIDR]... [--json]";

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        user: { type: "string" },
        "password-env": { type: "string" },
        ca: { type: "string" },
        insecure: { type: "boolean" },
        allow: { type: "string", multiple: true },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length !== 1) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  let password = "";
  if (values["password-env"]) {
    const v = process.env[values["password-env"]];
    if (v === undefined) {
      console.error(`The environment variable ${values["password-env"]} is not set.`);
      return 2;
    }
    password = v;
  }
  if (values.user && !values["password-env"]) {
    console.error("--user needs --password-env VAR (the name of an environment variable holding the password).");
    return 2;
  }
  let ca: string | null = null;
  if (values.ca) {
    try {
      ca = fs.readFileSync(values.ca, "utf8");
    } catch (e) {
      console.error(`Cannot read the CA bundle ${values.ca}: ${(e as Error).message}`);
      return 2;
    }
  }
  const allow = ZOutboundAllowText.safeParse([process.env.CONSOLE_OUTBOUND_ALLOW ?? "", ...(values.allow ?? [])].join(","));
  if (!allow.success) {
    console.error(`--allow / CONSOLE_OUTBOUND_ALLOW: ${allow.error.issues[0].message}`);
    return 2;
  }
  let client;
  try {
    client = createHarborClient({
      baseUrl: positionals[0],
      credentials: values.user ? { username: values.user, password } : null,
      ca,
      skipTlsVerify: values.insecure === true,
      outbound: { allow: allow.data },
    });
  } catch (e) {
    console.error(`${(e as Error).message.replace(/^createHarborClient: /, "")}\n${USAGE}`);
    return 2;
  }
  try {
    const report = await testConnection({ client });
    if (values.json) console.log(JSON.stringify(report, null, 2));
    else {
      console.log(`${report.ok ? "OK" : "PROBLEM"}  ${report.baseUrl}`);
      for (const line of report.lines) console.log(`  ${line}`);
      if (!values.user) console.log("  (no credential given: only anonymous access was tested)");
    }
    return report.ok ? 0 : 1;
  } finally {
    await client.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
