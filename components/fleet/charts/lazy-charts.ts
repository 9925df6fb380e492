"use client";
import dynamic from "next/dynamic";

// recharts (with its state library and d3 parts) is the largest script on the pages that chart. The charts draw in
// the browser only, once the page has loaded (useAfterLoad): their code comes in then, not with the page.
export const VersionBars = dynamic(() => import("./version-bars").then((m) => m.VersionBars), { ssr: false });
export const HealthHistoryBars = dynamic(() => import("./health-history-bars").then((m) => m.HealthHistoryBars), { ssr: false });
export const LatencySparkline = dynamic(() => import("./sparklines").then((m) => m.LatencySparkline), { ssr: false });
export const HealthSparkline = dynamic(() => import("./sparklines").then((m) => m.HealthSparkline), { ssr: false });
