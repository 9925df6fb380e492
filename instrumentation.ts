/** Next.js calls this once per server process: start the fleet collector there (Node.js runtime only). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { getCollector } = await import("./lib/fleet/collector/runtime");
  await getCollector().catch((error: unknown) => console.error("[console] the fleet collector could not start:", error));
}
