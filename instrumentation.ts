/**
 * Next.js calls this once per server process (Node.js runtime only): put each connection's own address into
 * X-Forwarded-For, then start the fleet collector.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  // A bad setting stops this process now, naming the variable, instead of failing every request after it.
  const { env } = await import("./lib/env");
  try {
    env();
  } catch (e) {
    console.error(`\n[console] cannot start: ${(e as Error).message}\n`);
    process.exit(1);
  }
  const { appendPeerAddress } = await import("./lib/security/peer-address");
  appendPeerAddress();
  // The launcher hands SIGTERM to us (NEXT_MANUAL_SIG_HANDLE): drain the collector, then exit.
  const { installShutdown } = await import("./lib/fleet/collector/shutdown");
  installShutdown({ exit: Boolean(process.env.NEXT_MANUAL_SIG_HANDLE) });
  const { getCollector } = await import("./lib/fleet/collector/runtime");
  await getCollector().catch((error: unknown) => console.error("[console] the fleet collector could not start:", error));
}
