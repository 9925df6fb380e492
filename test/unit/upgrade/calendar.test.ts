/** The Upgrades calendar (lib/upgrade/calendar.ts): days in the reader's zone, a window on every day it touches. */
import { describe, expect, it } from "vitest";
import { calendarDays, dayKey } from "@/lib/upgrade/calendar";

const w = (id: string, start: string, end: string) => ({ id, start, end });

describe("calendarDays", () => {
  it("starts on today in the zone, and puts a window on the day it falls in that zone", () => {
    const from = new Date("2026-12-03T23:30:00Z"); // already the 4th in Berlin
    const windows = [w("a", "2026-12-04T22:30:00Z", "2026-12-04T23:30:00Z")];
    const utc = calendarDays({ windows, from, days: 3, timeZone: "UTC" });
    expect(utc.map((d) => d.key)).toEqual(["2026-12-03", "2026-12-04", "2026-12-05"]);
    expect(utc[1].windows).toEqual([{ window: windows[0], span: "22:30–23:30" }]);
    const berlin = calendarDays({ windows, from, days: 3, timeZone: "Europe/Berlin" });
    expect(berlin.map((d) => d.key)).toEqual(["2026-12-04", "2026-12-05", "2026-12-06"]);
    // 23:30–00:30 in Berlin: from the 4th into the 5th; an end at midnight exactly would not touch the 5th
    expect(berlin[0].windows).toEqual([{ window: windows[0], span: "from 23:30" }]);
    expect(berlin[1].windows).toEqual([{ window: windows[0], span: "until 00:30" }]);
  });

  it("a window over several days is on each, all day in between; one ending at midnight stays on its day", () => {
    const windows = [w("long", "2026-12-05T20:00:00Z", "2026-12-08T02:00:00Z"), w("midnight", "2026-12-05T22:00:00Z", "2026-12-06T00:00:00Z")];
    const days = calendarDays({ windows, from: new Date("2026-12-05T08:00:00Z"), days: 5, timeZone: "UTC" });
    expect(days.map((d) => d.windows.map((x) => `${x.window.id} ${x.span}`))).toEqual([
      ["long from 20:00", "midnight 22:00–00:00"],
      ["long all day"],
      ["long all day"],
      ["long until 02:00"],
      [],
    ]);
  });

  it("crosses month and year ends, and a daylight-saving change, day by day", () => {
    expect(calendarDays({ windows: [], from: new Date("2026-12-30T12:00:00Z"), days: 4, timeZone: "UTC" }).map((d) => d.key)).toEqual([
      "2026-12-30",
      "2026-12-31",
      "2027-01-01",
      "2027-01-02",
    ]);
    const ny = calendarDays({
      windows: [w("dst", "2027-03-14T06:30:00Z", "2027-03-14T08:00:00Z")],
      from: new Date("2027-03-13T15:00:00Z"),
      days: 3,
      timeZone: "America/New_York",
    });
    expect(ny.map((d) => d.key)).toEqual(["2027-03-13", "2027-03-14", "2027-03-15"]);
    expect(ny[1].windows[0].span).toBe("01:30–04:00"); // 02:00 does not exist that night
    expect(dayKey(new Date("2027-03-14T04:59:00Z"), "America/New_York")).toBe("2027-03-13");
  });
});
