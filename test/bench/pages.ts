/**
 * `npm run bench:pages`: what each main page costs a browser on its first visit (issue #19, target 4). Starts the
 * demo (`npm run demo` in production mode: the built console from `npx next build`, its eight simulated Harbors, a
 * fresh embedded database) and loads every page cold (a new browser context: empty cache) in Debian's Chromium,
 * BENCH_PAGES_RUNS times (default 3) after one untimed warm-up, at 1440x900. Per page it prints the median of:
 * requests and bytes until the load event, as the browser received them from `next start` (gzip-compressed; Resource
 * Timing's encodedBodySize), JavaScript fetched after it until the network is idle (prefetches of linked routes,
 * chunks loaded on idle), the HTML document, DOMContentLoaded and Largest Contentful Paint. Targets: JavaScript
 * ≤ 200 KiB and fonts ≤ 60 KiB per page. Nothing is asserted; it prints ✓/✗.
 */
import { chromium, type Browser, type BrowserContextOptions } from "@playwright/test";
import { signIn, startDemoConsole, waitForFleet } from "../support/demo-console";

const RUNS = Number(process.env.BENCH_PAGES_RUNS ?? 3);
const KIB = 1024;
const TARGET = { js: 200 * KIB, fonts: 60 * KIB };
const VIEWPORT = { width: 1440, height: 900 };

interface Sample {
  requests: number;
  js: number;
  laterJs: number;
  fonts: number;
  html: number;
  dcl: number;
  lcp: number;
  uncompressedJs: string[];
}

type PageSpec = { name: string; path: string; signedIn: boolean };

/** One cold load: a fresh context (no cache), the page to its load event, then until the network is idle. */
async function measure(browser: Browser, url: string, spec: PageSpec, storageState: BrowserContextOptions["storageState"]): Promise<Sample> {
  const context = await browser.newContext({ viewport: VIEWPORT, baseURL: url, colorScheme: "light", storageState: spec.signedIn ? storageState : undefined });
  try {
    const page = await context.newPage();
    const uncompressedJs: string[] = [];
    page.on("response", (res) => {
      if (new URL(res.url()).pathname.endsWith(".js") && !res.headers()["content-encoding"]) uncompressedJs.push(res.url());
    });
    const response = await page.goto(spec.path, { waitUntil: "load" });
    if (!response?.ok() || new URL(page.url()).pathname !== spec.path) throw new Error(`${spec.path} answered ${response?.status()} at ${page.url()}`);
    await page.waitForLoadState("networkidle", { timeout: 15_000 }).catch(() => undefined);
    const timing = await page.evaluate(async () => {
      let lcp = 0;
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) lcp = entry.startTime;
      });
      observer.observe({ type: "largest-contentful-paint", buffered: true });
      await new Promise((r) => setTimeout(r, 100)); // buffered entries arrive in a task of their own
      observer.disconnect();
      const [nav] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
      const resources = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).map((r) => ({
        path: new URL(r.name).pathname,
        startTime: r.startTime,
        bytes: r.encodedBodySize,
      }));
      return { lcp, dcl: nav.domContentLoadedEventEnd, loadEnd: nav.loadEventEnd, html: nav.encodedBodySize, resources };
    });
    const beforeLoad = timing.resources.filter((r) => r.startTime <= timing.loadEnd);
    const sum = (rs: typeof beforeLoad, ext: RegExp) => rs.filter((r) => ext.test(r.path)).reduce((s, r) => s + r.bytes, 0);
    return {
      requests: beforeLoad.length + 1,
      js: sum(beforeLoad, /\.js$/),
      laterJs: sum(
        timing.resources.filter((r) => r.startTime > timing.loadEnd),
        /\.js$/,
      ),
      fonts: sum(beforeLoad, /\.(woff2?|ttf|otf)$/),
      html: timing.html,
      dcl: timing.dcl,
      lcp: timing.lcp,
      uncompressedJs,
    };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kib = (n: number) => `${(n / KIB).toFixed(1)} KiB`;
const mark = (n: number, limit: number) => `${kib(n)} ${n <= limit ? "✓" : "✗"}`;

function printTable(rows: { spec: PageSpec; samples: Sample[] }[]) {
  const header = ["page", "requests", "JS (≤ 200 KiB)", "JS after load", "fonts (≤ 60 KiB)", "HTML", "DCL", "LCP"];
  const lines = rows.map(({ spec, samples }) => {
    const m = (k: keyof Omit<Sample, "uncompressedJs">) => median(samples.map((s) => s[k]));
    return [
      `${spec.name} ${spec.path}`,
      String(m("requests")),
      mark(m("js"), TARGET.js),
      kib(m("laterJs")),
      mark(m("fonts"), TARGET.fonts),
      kib(m("html")),
      `${Math.round(m("dcl"))} ms`,
      `${Math.round(m("lcp"))} ms`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  for (const line of [header, ...lines]) console.log(line.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  "));
  const misses = rows.flatMap(({ spec, samples }) => [
    ...(median(samples.map((s) => s.js)) > TARGET.js ? [`${spec.name}: JavaScript`] : []),
    ...(median(samples.map((s) => s.fonts)) > TARGET.fonts ? [`${spec.name}: fonts`] : []),
  ]);
  console.log(misses.length ? `\n✗ over target: ${misses.join(", ")}` : "\n✓ every page within its targets");
  const uncompressed = new Set(rows.flatMap((r) => r.samples.flatMap((s) => s.uncompressedJs)));
  if (uncompressed.size) console.log(`note: ${uncompressed.size} script(s) arrived without Content-Encoding, e.g. ${[...uncompressed][0]}`);
}

async function main() {
  const demo = await startDemoConsole({ tag: "bench-pages", quiet: !process.env.BENCH_VERBOSE });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const context = await browser.newContext({ viewport: VIEWPORT, baseURL: demo.url });
    const page = await context.newPage();
    await signIn(page, demo.admin);
    await page.goto("/");
    await waitForFleet(page);
    const href = await page.getByTestId("fleet-row-prod-eu-1").locator('a[href^="/instances/"]').first().getAttribute("href");
    if (!href) throw new Error("The demo's prod-eu-1 has no link on the fleet page.");
    const storageState = await context.storageState();
    await context.close();
    const pages: PageSpec[] = [
      { name: "fleet", path: "/", signedIn: true },
      { name: "instance", path: href, signedIn: true },
      { name: "topology", path: `${href}/topology`, signedIn: true },
      { name: "upgrades", path: "/upgrades", signedIn: true },
      { name: "webhooks", path: "/webhooks", signedIn: true },
      { name: "audit", path: "/audit", signedIn: true },
      { name: "login", path: "/login", signedIn: false },
    ];
    console.log(
      `[bench:pages] ${demo.url}: ${pages.length} pages, ${RUNS} cold loads each after a warm-up, Chromium ${browser.version()}, ${VIEWPORT.width}x${VIEWPORT.height}\n`,
    );
    const rows: { spec: PageSpec; samples: Sample[] }[] = [];
    for (const spec of pages) {
      await measure(browser, demo.url, spec, storageState);
      const samples: Sample[] = [];
      for (let i = 0; i < RUNS; i++) samples.push(await measure(browser, demo.url, spec, storageState));
      rows.push({ spec, samples });
    }
    printTable(rows);
  } finally {
    await browser.close();
    await demo.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
