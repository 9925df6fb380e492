/**
 * The address the start log gives for where Next.js listens: the host it really binds. A wildcard (0.0.0.0, ::)
 * listens on every interface, which is said as such, with loopback as the address to open on this machine.
 */
export function listenUrl(host: string, port: string): string {
  const h = host.replace(/^\[|\]$/g, "");
  if (h === "0.0.0.0" || h === "::" || h === "") return `http://localhost:${port} (listening on every interface: ${h || "0.0.0.0"})`;
  return `http://${h.includes(":") ? `[${h}]` : h}:${port}`;
}
