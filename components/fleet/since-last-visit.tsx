"use client";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { fleetHeartbeatAction, fleetVisitAction, markFleetSeenAction } from "@/lib/actions/fleet";
import type { FleetChanges } from "@/lib/queries/fleet";
import { formatRelative, formatUtc } from "./format";
import { SinceLastVisitList } from "./since-last-visit-list";
import { useNow } from "./use-now";

/** One line, the same height loading and loaded: the page below never moves unless the user opens the list. */
const BAR = "rounded-lg border border-border bg-surface px-4 py-2 text-sm shadow-sm";
// One line of fixed height from `sm` up; on a phone it wraps (the summary gets a line of its own) instead of widening the page.
const ROW = "flex min-h-8 flex-wrap items-center gap-x-3 gap-y-1 whitespace-nowrap sm:h-8 sm:flex-nowrap";
const EMPTY = {
  worse: [],
  better: [],
  unknown: [],
  firstPolled: [],
  versions: [],
  versionBack: [],
  credentials: [],
  flapped: [],
  added: [],
  removed: [],
  addedTotal: 0,
  removedTotal: 0,
};
/** While the page stays visible, the visit goes on (views under 30 minutes apart are one visit). */
const HEARTBEAT_MS = 5 * 60_000;

/**
 * "Since your last visit": once the page is visible, records the visit and shows, in one line of counts that opens
 * into the lists, what changed since the user's previous one, until they mark it as seen. Nothing on a first visit. A tab opened in the background counts from
 * when it is first shown; while one stays visible it keeps the visit going, so a day-long open tab is not "last
 * visited" in the morning.
 */
export function SinceLastVisit() {
  const [changes, setChanges] = useState<FleetChanges | null | undefined>(undefined);
  const [failed, setFailed] = useState<string | null>(null);
  const [markError, setMarkError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const asked = useRef(false);
  const status = useRef<HTMLParagraphElement>(null);
  const now = useNow();
  const [marked, setMarked] = useState(false);
  const [open, setOpen] = useState(false);
  const listId = useId();
  useEffect(() => {
    if (marked) status.current?.focus(); // the button is gone: keep the keyboard where the news is
  }, [marked]);
  useEffect(() => {
    const visit = () => {
      if (asked.current || document.visibilityState !== "visible") return;
      asked.current = true;
      void fleetVisitAction().then(
        (res) => {
          if ("data" in res) setChanges(res.data);
          else setFailed("serverError" in res ? res.serverError : (res.message ?? "unknown error"));
        },
        () => setFailed("the console did not answer"),
      );
    };
    visit();
    document.addEventListener("visibilitychange", visit);
    const beat = setInterval(() => {
      if (asked.current && document.visibilityState === "visible") void fleetHeartbeatAction().catch(() => {});
    }, HEARTBEAT_MS);
    return () => {
      document.removeEventListener("visibilitychange", visit);
      clearInterval(beat);
    };
  }, []);

  if (failed) return <Notice tone="warning">Could not tell what changed since your last visit: {failed}</Notice>;
  if (changes === null) return null; // a first visit
  if (changes === undefined) {
    // the bar's own height: nothing below moves when the answer comes
    return (
      <div data-testid="since-last-visit-loading" aria-busy="true" className={BAR}>
        <div className={ROW}>
          <span className="font-medium">Since your last visit</span>
          <span className="text-muted">Looking…</span>
        </div>
      </div>
    );
  }
  const { worse, better, unknown, firstPolled, versions, versionBack, credentials, flapped } = changes;
  const counts: [number, string][] = [
    [worse.length, "worse"],
    [better.length, "recovered"],
    [unknown.length, "no longer assessed"],
    [firstPolled.length, "polled for the first time"],
    [flapped.length, "worse meanwhile"],
    [versions.length, versions.length === 1 ? "version change" : "version changes"],
    [versionBack.length, "changed version and back"],
    [credentials.length, credentials.length === 1 ? "credential change" : "credential changes"],
    [changes.addedTotal, "added"],
    [changes.removedTotal, "removed"],
  ];
  const summary = counts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
  const nothing = summary.length === 0;
  const markSeen = () =>
    start(async () => {
      setMarkError(null);
      const res = await markFleetSeenAction({ asOf: changes.asOf });
      if ("data" in res) {
        setChanges({ ...EMPTY, lastVisit: res.data.since, since: res.data.since, asOf: res.data.since });
        setOpen(false);
        setMarked(true);
      } else setMarkError("serverError" in res ? res.serverError : (res.message ?? "unknown error"));
    });
  return (
    <div data-testid="since-last-visit" data-nothing={nothing ? "true" : "false"} className={BAR}>
      <div className={ROW}>
        <span className="font-medium">Since your last visit</span>
        <time
          dateTime={changes.lastVisit}
          title={`${formatUtc(changes.lastVisit)}${changes.since !== changes.lastVisit ? `; compared with ${formatUtc(changes.since)}, the oldest history kept` : ""}`}
          className="text-xs text-muted"
        >
          {now ? formatRelative(changes.lastVisit, now) : formatUtc(changes.lastVisit)}
        </time>
        <p
          ref={status}
          tabIndex={-1}
          role="status"
          title={nothing ? undefined : summary.join(" · ")}
          className={`min-w-0 flex-1 truncate outline-none max-sm:basis-full ${nothing ? "text-muted" : ""}`}
        >
          {nothing ? "Nothing changed." : summary.join(" · ")}
        </p>
        {markError && (
          <span role="alert" className="truncate text-xs text-danger">
            Not marked: {markError}
          </span>
        )}
        {!nothing && (
          <>
            <Button variant="ghost" size="sm" aria-expanded={open} aria-controls={listId} onClick={() => setOpen((o) => !o)} data-testid="since-toggle">
              {open ? "Hide" : "Show"}
            </Button>
            <Button variant="secondary" size="sm" onClick={markSeen} disabled={pending} data-testid="mark-seen">
              {pending ? "Marking…" : "Mark as seen"}
            </Button>
          </>
        )}
      </div>
      {open && <SinceLastVisitList id={listId} changes={changes} />}
    </div>
  );
}
