// @ts-check
// JavaScript because next.config.mjs imports it (see there).
import os from "node:os";

/**
 * The host names the development server serves its scripts and hot reload to (Next's `allowedDevOrigins`). Next
 * always allows localhost and the address it listens on; from any other host the browser gets the page but not
 * its scripts, so nothing on it works (the sign-in form posted itself as a plain GET). This adds the loopback
 * addresses, this machine's name and every address of its network interfaces, and the names in
 * CONSOLE_ALLOWED_DEV_ORIGINS (comma separated). Next matches host names only (no scheme, no port) and supports
 * wildcards for subdomains only: `*.example.com` (one label), `**.example.com` (any depth), not a bare `*`.
 *
 * @param {string | undefined} configured CONSOLE_ALLOWED_DEV_ORIGINS
 * @param {{ hostname?: string; interfaces?: NodeJS.Dict<import("node:os").NetworkInterfaceInfo[]> }} [machine]
 * @returns {string[]}
 */
export function allowedDevOrigins(configured, machine = {}) {
  const hostname = machine.hostname ?? os.hostname();
  const interfaces = machine.interfaces ?? os.networkInterfaces();
  const addresses = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((i) => !(i.family === "IPv6" && i.scopeid)) // link-local IPv6 needs a zone, which no URL carries
    .map((i) => (i.family === "IPv6" ? `[${i.address}]` : i.address));
  const names = ["127.0.0.1", "[::1]", hostname, ...addresses, ...parseDevOrigins(configured)];
  return [...new Set(names.filter(Boolean).map((n) => n.toLowerCase()))];
}

/**
 * CONSOLE_ALLOWED_DEV_ORIGINS as host names: a scheme, port or path written along is dropped. Throws, naming the
 * variable, on an entry Next would never match.
 *
 * @param {string | undefined} value
 * @returns {string[]}
 */
export function parseDevOrigins(value) {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const host = entry.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").replace(/[/?#].*$/, "");
      const name = host.startsWith("[") ? host.replace(/^(\[[^\]]*\]).*$/, "$1") : host.replace(/:\d*$/, "");
      if (!name || name === "*" || name === "**" || name.split(".").some((label) => label === "")) {
        throw new Error(
          `CONSOLE_ALLOWED_DEV_ORIGINS: "${entry}" is not a host name Next.js can match. List host names or addresses, comma separated; a wildcard stands for subdomains only (*.example.com, **.example.com).`,
        );
      }
      return name;
    });
}

/**
 * Whether the development server serves its scripts to a page opened at `hostname`: Next's own rule (localhost and
 * its subdomains always; otherwise an exact name, or a wildcard pattern of the list).
 *
 * @param {string} hostname as in a URL: lower case, IPv6 in brackets
 * @param {string[]} allowed
 * @returns {boolean}
 */
export function isDevOriginAllowed(hostname, allowed) {
  const host = hostname.toLowerCase();
  return ["localhost", "**.localhost", ...allowed].some((pattern) => {
    const want = pattern.toLowerCase().split(".");
    const have = host.split(".");
    if (want.length === 1 && (want[0] === "*" || want[0] === "**")) return false;
    while (want.length) {
      const w = want.pop();
      const h = have.pop();
      if (w === "**") return want.length === 0 && h !== undefined;
      if (!h || (w !== "*" && w !== h)) return false;
    }
    return have.length === 0;
  });
}
