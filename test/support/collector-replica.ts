/**
 * A console replica's collector in a process of its own, started as instrumentation.ts starts it: the signal handling
 * of lib/fleet/collector/shutdown.ts, then the collector (COLLECTOR_* and CONSOLE_DRAIN_SECONDS from the environment).
 * Run with `node --conditions=react-server --import tsx`; prints "replica ready" once it takes work.
 */
import { getCollector } from "../../lib/fleet/collector/runtime";
import { installShutdown } from "../../lib/fleet/collector/shutdown";

installShutdown({ exit: true });
void getCollector().then(() => console.log("replica ready"));
