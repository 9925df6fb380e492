/** The fleet page's collector banner: shown, as an alert, only when the collector itself is in trouble. */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CollectorBanner } from "@/components/fleet/collector-banner";
import type { CollectorStatus } from "@/lib/queries/fleet";

const base: CollectorStatus = {
  ok: true,
  checkedAt: "2026-12-03T14:00:00.000Z",
  lastRound: { startedAt: "2026-12-03T13:59:00.000Z", finishedAt: "2026-12-03T13:59:02.000Z", total: 14, trigger: "schedule" },
  failures: { lastHour: 0, unresolved: 0, recent: [] },
  queue: { queued: 0, oldestQueuedAt: null, stuck: 0 },
  problems: [],
};
const render = (props: Parameters<typeof CollectorBanner>[0]) => renderToStaticMarkup(createElement(CollectorBanner, props));

describe("CollectorBanner", () => {
  it("renders nothing while the collector works (Harbors that fail are their rows' business)", () => {
    expect(render({ status: base })).toBe("");
    expect(render({ status: null })).toBe("");
  });

  it("says what is wrong, as an alert, with the last completed round", () => {
    const html = render({
      status: {
        ...base,
        ok: false,
        failures: { lastHour: 3, unresolved: 3, recent: [] },
        problems: [
          {
            code: "console_failures",
            message: "3 polls failed in the console itself in the last hour (not because of Harbor); the last: disk full.",
            short: "3 polls failed",
          },
        ],
      },
    });
    expect(html).toContain('role="alert"');
    expect(html).toContain('data-testid="collector-banner"');
    expect(html).toContain("disk full");
    expect(html).toContain("Last completed round");
    expect(html).toContain("2026-12-03 13:59 UTC");
    expect(html).toContain("polls failed by the console in the last hour: 3");
  });

  it("says when the console's database is unreachable", () => {
    const html = render({ status: base, databaseDown: true, lastDataAt: Date.parse("2026-12-03T14:05:00Z") });
    expect(html).toContain('role="alert"');
    expect(html).toContain("The console&#x27;s database is unreachable");
    expect(html).toContain("2026-12-03 14:05 UTC");
  });
});
