import http from "node:http";
import type { Socket } from "node:net";

const PATCHED = Symbol.for("harbor-fleet-console.peer-address");

/**
 * Appends the address of the connection each request came on to its X-Forwarded-For, as a proxy does. Next.js gives
 * route handlers no socket, and fills X-Forwarded-For from the connection only when the client sent none — so a
 * client could pick the address its sign-in failures are counted under. With this the rightmost entry is always the
 * peer the console itself saw; `clientAddress` counts TRUST_PROXY hops to the left of it.
 */
export function appendPeerAddress(server: typeof http.Server.prototype = http.Server.prototype): void {
  const target = server as unknown as Record<symbol, boolean> & { emit: (event: string, ...args: unknown[]) => boolean };
  if (target[PATCHED]) return;
  target[PATCHED] = true;
  const emit = target.emit;
  target.emit = function (this: unknown, event: string, ...args: unknown[]) {
    if (event === "request") addPeer(args[0] as http.IncomingMessage);
    return emit.call(this, event, ...args);
  };
}

export function addPeer(req: { headers: http.IncomingHttpHeaders; socket?: Socket | null }): void {
  const peer = req.socket?.remoteAddress;
  if (!peer) return;
  const sent = req.headers["x-forwarded-for"];
  const before = (Array.isArray(sent) ? sent.join(", ") : sent)?.trim();
  req.headers["x-forwarded-for"] = before ? `${before}, ${peer}` : peer;
}
