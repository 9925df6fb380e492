/**
 * The Upgrades page's calendar: consecutive days in a time zone, each with the windows that touch it. Pure, so the
 * server (UTC, before the reader's zone is known) and the browser (the reader's zone) compute the same thing.
 */
/** The calendar shows four weeks from today. */
export const CALENDAR_DAYS = 28;

export interface CalendarWindow {
  id: string;
  start: string;
  end: string;
}

export interface CalendarDay<W extends CalendarWindow> {
  /** "2026-12-03" in the zone */
  key: string;
  /** the window's part on this day, in the zone: "09:00–11:00", "from 22:00", "until 02:00", "all day" */
  windows: { window: W; span: string }[];
}

/** "YYYY-MM-DD" of an instant in a zone (en-CA formats dates that way). */
export function dayKey(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

export function timeOfDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
}

function addDays(key: string, n: number): string {
  const [y, m, d] = key.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** `days` days from the day of `from` in `timeZone`; a window is on every day it touches (an end at 00:00 is not). */
export function calendarDays<W extends CalendarWindow>(opts: { windows: W[]; from: Date; days: number; timeZone: string }): CalendarDay<W>[] {
  const first = dayKey(opts.from, opts.timeZone);
  const spans = opts.windows.map((w) => {
    const s = new Date(w.start);
    const e = new Date(w.end);
    const last = new Date(e.getTime() - 1);
    return {
      w,
      startKey: dayKey(s, opts.timeZone),
      endKey: dayKey(last, opts.timeZone),
      from: timeOfDay(s, opts.timeZone),
      until: timeOfDay(e, opts.timeZone),
    };
  });
  return Array.from({ length: opts.days }, (_, i) => {
    const key = addDays(first, i);
    const windows = spans
      .filter((x) => x.startKey <= key && key <= x.endKey)
      .map((x) => {
        const starts = x.startKey === key;
        const ends = x.endKey === key;
        const span = starts && ends ? `${x.from}–${x.until}` : starts ? `from ${x.from}` : ends ? `until ${x.until}` : "all day";
        return { window: x.w, span };
      });
    return { key, windows };
  });
}
